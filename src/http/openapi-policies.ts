import { z } from "zod";

// The response body of `GET /v1/policies`, written by hand after policy-json.ts: it describes the answer
// in the OpenAPI document; the tests check real answers against it.

const count = z.number().int().nonnegative();
const hours = z.array(z.string()).describe('opening intervals such as "09:00-17:00", local time');
const target = z.object({ target_ms: count, warning_share: z.number() });

/** A business-hours calendar in the config file's own terms. */
export const Calendar = z.object({
  name: z.string().describe('"24/7" for the built-in calendar that is always open'),
  zone: z.string().describe("IANA time zone the hours are in"),
  hours: z.object({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours }),
  holidays: z.array(z.object({ date: z.string().describe("YYYY-MM-DD"), name: z.string() })),
  overrides: z.array(
    z.object({ date: z.string().describe("YYYY-MM-DD"), hours: hours.describe("[] when closed all day") }),
  ),
});

/** One SLA policy version: what it matches, its calendar, its targets and what counts as a response. */
export const Policy = z.object({
  name: z.string(),
  version: count,
  match: z
    .object({
      accounts: z.array(z.string()).optional(),
      sources: z.array(z.string()).optional(),
      tags: z.array(z.string()).optional(),
      priorities: z.array(z.string()).optional(),
    })
    .describe("every given criterion must hold; empty: matches every conversation"),
  calendar: Calendar,
  targets: z.object({
    first_response: target,
    next_response: target.nullable(),
    resolution: target.nullable(),
  }),
  responses: z.object({
    automated: z.boolean().describe("automated messages count as responses"),
    private_replies: z.boolean().describe("a private reply to a public message counts as a response"),
  }),
});

/** A stored policy version with the time it was stored. */
export const PolicyVersion = Policy.extend({ created_at: z.string().describe("ISO-8601 instant (UTC)") });

/** The answer of `GET /v1/policies`. */
export const Policies = z.object({
  set: count.describe("the stored generation of the policies in force"),
  window_ms: count.describe("the inactivity window that splits threads into conversations"),
  policies: z.array(Policy).describe("in matching order: the first match wins, the last matches everything"),
  history: z.array(PolicyVersion).optional().describe("with history=true: every stored version"),
});
