import { z } from "zod";

// Response bodies of `GET /v1/conversations` and `GET /v1/conversations/{id}`, written by hand after their
// handlers (conversation-list.ts, conversation-detail.ts, target-explanation.ts): they describe the answers
// in the OpenAPI document; the tests check real answers against them.

const time = z.string().describe("ISO-8601 instant (UTC)");
/** An instant with what it is. */
const timeOf = (what: string) => z.string().describe(`${what}; ISO-8601 instant (UTC)`);
const count = z.number().int().nonnegative();

const state = z
  .enum(["open", "breaching", "answered", "answered_late", "resolved"])
  .describe("where the first response stands: open and breaching are unanswered and unresolved");

/** One target clock of a conversation, with the calendar segments that explain its deadline. */
export const TargetClock = z.object({
  target: z.enum(["first_response", "next_response", "resolution"]),
  target_ms: count.describe("business time the policy allows"),
  warning_share: z.number().describe("share of the target after which a warning is raised"),
  started_at: timeOf("the message that started the clock"),
  clock_started_at: timeOf("the first open instant at or after started_at: where counting begins"),
  warn_at: time,
  due_at: time,
  ended_at: timeOf("the answer or resolution that stopped the clock").nullable(),
  status: z.enum(["met", "missed", "breaching", "running", "stopped", "waiting_on_customer"]),
  elapsed_business_ms: count.describe("business time counted until ended_at, or until now"),
  segments: z
    .array(
      z.object({
        kind: z.enum(["counted", "closed", "holiday"]).describe("closed: outside business hours"),
        from: time,
        to: time,
        label: z.string().optional().describe("the holiday's name"),
      }),
    )
    .describe("start to deadline (or to now or the end, when later), cut where counting starts or stops"),
  segments_truncated: z.boolean().describe("true when only the first 500 segments are listed"),
});

/** The answer of `GET /v1/conversations/{id}`. */
export const Conversation = z.object({
  id: z.string(),
  source: z.string(),
  account: z.string(),
  account_basis: z.enum(["responder", "mention", "ingest", "none"]),
  customer: z.string(),
  state,
  resolved: z.boolean(),
  started_at: time,
  due_at: timeOf("the first-response deadline"),
  target_ms: count.describe("the first-response target"),
  first_response_at: time.nullable(),
  ttfr_ms: count.nullable(),
  ttfr_business_ms: count.nullable().describe("TTFR counting business time of the policy's calendar only"),
  touches: count,
  tags: z.array(z.string()),
  priority: z.string().nullable(),
  policy: z.object({
    name: z.string(),
    version: count,
    calendar: z.string(),
    time_zone: z.string().describe("IANA time zone of the calendar"),
  }),
  targets: z.array(TargetClock),
  messages: z.array(
    z.object({
      id: z.string(),
      type: z.enum(["message", "resolve", "reopen"]),
      direction: z.enum(["inbound", "outbound"]).nullable(),
      author: z.string().nullable(),
      at: time,
      text: z.string().nullable(),
      automated: z.boolean(),
      private: z.boolean().describe("a private reply (a DM) to a public message"),
      in_reply_to: z.string().nullable(),
    }),
  ),
  alerts: z.array(
    z.object({
      id: count,
      target: z.string().describe("first_response, resolution or next_response@<ISO start of the follow-up>"),
      level: z.enum(["warning", "breach", "escalation", "answered_late"]),
      point_at: time,
      created_at: time,
      acknowledged_at: time.nullable(),
      acknowledged_by: z.string().nullable(),
    }),
  ),
});

/** One conversation of `GET /v1/conversations`. */
export const ConversationSummary = z.object({
  id: z.string(),
  source: z.string(),
  account: z.string(),
  customer: z.string(),
  excerpt: z.string().nullable(),
  state,
  policy: z.object({ name: z.string(), version: count }),
  started_at: time,
  due_at: timeOf("the first-response deadline"),
  first_response_at: time.nullable(),
  next_response_due_at: timeOf("deadline of the follow-up waiting for an answer").nullable(),
  resolution_due_at: time.nullable(),
  messages: count,
});

/** The answer of `GET /v1/conversations`: a page, newest first. */
export const ConversationList = z.object({
  conversations: z.array(ConversationSummary),
  next_cursor: z.string().nullable().describe("pass as cursor for the next page; null on the last page"),
});
