import { z } from "zod";

// Response bodies, written by hand after the route handlers: they describe the answers for the OpenAPI
// document and are never used to validate anything.

const time = z.string().describe("ISO-8601 instant (UTC)");
const count = z.number().int().nonnegative();
const nullableMs = z.number().int().nullable();

/** `{"error": "field: what is wrong"}`, the body of every error. */
export const ErrorBody = z.object({ error: z.string() });

const itemResult = z.object({
  index: count,
  line: z.number().int().positive().optional().describe("NDJSON line"),
  source: z.string().optional(),
  id: z.string().optional(),
  status: z.enum(["stored", "duplicate", "rejected"]),
  reason: z.string().optional(),
});

/** The answer of `POST /v1/events`: counts and one result per item. */
export const EventsResult = z.object({
  stored: count,
  duplicates: count,
  rejected: count,
  results: z.array(itemResult),
});

/** A 400 of `POST /v1/events`: the error, with the per-item report when every event was rejected. */
export const EventsError = ErrorBody.extend(EventsResult.partial().shape);

const statusItem = z.object({
  id: z.string(),
  source: z.string(),
  account: z.string(),
  customer: z.string(),
  excerpt: z.string().nullable(),
  started_at: time,
  due_at: time,
  state: z.enum(["breaching", "at_risk", "open"]),
  time_left_ms: count,
  overdue_ms: count,
  policy: z.string().describe("the policy the conversation is measured with"),
  messages: count,
});

const followUp = z.object({
  id: z.string(),
  source: z.string(),
  account: z.string(),
  customer: z.string(),
  excerpt: z.string().nullable(),
  policy: z.string(),
  waiting_since: time.describe("the customer's follow-up"),
  due_at: time.describe("the next response's deadline"),
  state: z.enum(["breaching", "open"]),
  time_left_ms: count,
  overdue_ms: count,
});

const goal = z.object({ value: z.number().nullable(), goal: z.number(), met: z.boolean().nullable() });

/** The answer of `GET /v1/status`. */
export const Status = z.object({
  now: time,
  target_ms: count,
  warning_share: z.number(),
  filters: z.object({ account: z.string().nullable(), source: z.string().nullable() }),
  counts: z.object({ open: count, breaching: count, at_risk: count }),
  breaching: z.array(statusItem),
  due_next: z.array(statusItem),
  follow_ups: z
    .object({ waiting: count, breaching: count, items: z.array(followUp) })
    .describe("customer follow-ups waiting for the next response (policies with a next_response target)"),
  answered_late: z.array(
    statusItem
      .pick({ id: true, account: true, source: true, customer: true, started_at: true, due_at: true })
      .extend({ first_response_at: time, late_by_ms: count }),
  ),
  goals: z.object({
    window: z.object({ from: time, to: time }),
    conversations: count,
    response_rate: goal,
    attainment: goal.extend({ target_ms: count }),
    fcr: goal,
    ttfr_p50_ms: nullableMs,
    ttfr_p90_ms: nullableMs,
  }),
  alerts: z.object({
    delivery: z.enum(["smtp", "outbox"]),
    destination: z.string(),
    pending: count,
    sent: count,
    failed: count,
    last_cycle_at: time.nullable(),
    last_error: z.string().nullable(),
  }),
});

const targetAttainment = z.object({ due: count, within: count, attainment: z.number().nullable() });

/** One metric set (README: How it measures); rates are fractions, null when the denominator is 0. */
export const MetricRow = z.object({
  conversations: count,
  responded: count,
  due: count,
  within_target: count,
  resolved: count,
  fcr_resolved: count,
  response_rate: z.number().nullable(),
  attainment: z.number().nullable(),
  fcr_rate: z.number().nullable(),
  ttfr_p50_ms: nullableMs,
  ttfr_p90_ms: nullableMs,
  ttfr_p95_ms: nullableMs,
  ttfr_business_p50_ms: nullableMs.describe("TTFR percentiles counting business time only"),
  ttfr_business_p90_ms: nullableMs,
  ttfr_business_p95_ms: nullableMs,
  targets: z.object({
    first_response: targetAttainment,
    next_response: targetAttainment.describe("each follow-up's next response, under policies that set one"),
    resolution: targetAttainment.describe("under policies that set a resolution target"),
  }),
});

/** The answer of `GET /v1/metrics`. */
export const Metrics = z.object({
  now: time,
  from: time.nullable(),
  to: time.nullable(),
  target_ms: count,
  window_ms: count,
  group_by: z.enum(["account", "source", "day", "tag", "agent", "hour", "weekday"]).nullable(),
  time_zone: z.string().describe("the zone of the hour and weekday groups"),
  groups: z.array(MetricRow.extend({ key: z.string() })),
  total: MetricRow,
});
