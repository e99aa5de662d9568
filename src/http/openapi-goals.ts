import { z } from "zod";

// The response body of `GET /v1/goals`, written by hand after goal-json.ts: it describes the answer in
// the OpenAPI document; the tests check real answers against it.

const time = z.string().describe("ISO-8601 instant (UTC)");
const count = z.number().int().nonnegative();
const value = z
  .number()
  .nullable()
  .describe("a fraction for rates, milliseconds for TTFR; null without data");

/** One goal: its definition, where it stands, its trend and its verdict. */
export const GoalStanding = z.object({
  name: z.string(),
  metric: z.enum(["response_rate", "attainment", "fcr", "ttfr_p50", "ttfr_p90", "ttfr_p95"]),
  target: z
    .enum(["first_response", "next_response", "resolution"])
    .nullable()
    .describe("the target whose attainment counts (attainment goals only)"),
  direction: z.enum(["at_least", "at_most"]).describe("rates reach the threshold, TTFR stays at or below it"),
  unit: z.enum(["fraction", "ms"]),
  threshold: z.number(),
  scope: z
    .object({ account: z.string().nullable(), source: z.string().nullable(), tag: z.string().nullable() })
    .describe("every criterion given must hold; all null: every conversation"),
  start: time,
  deadline: time,
  window_ms: count.describe("the trailing window a value is measured over"),
  current: z
    .object({ value, conversations: count, from: time, to: time })
    .describe("measured over the window ending now, or at the deadline once it has passed"),
  baseline: z.object({
    value,
    measured: z.boolean().describe("true: measured over the window before the start; false: configured"),
    from: time.nullable(),
    to: time.nullable(),
  }),
  progress: z
    .number()
    .nullable()
    .describe("share of the way from baseline to threshold: 0 at the baseline, 1 at the threshold"),
  time_elapsed: z.number().describe("share of the time from start to deadline that has passed, 0 to 1"),
  trend: z.object({
    weeks: z
      .array(z.object({ from: time, to: time, value, conversations: count }))
      .describe("the weekly values, oldest first; the last week ends with the current window"),
    points: count.describe("weeks with a value"),
    slope_per_week: z.number().nullable().describe("the least-squares line's change per week"),
  }),
  projection: z
    .object({ value: z.number(), at: time })
    .nullable()
    .describe("the line at the deadline; null after it, or with fewer than 3 weekly values"),
  verdict: z.enum(["on_track", "at_risk", "met", "missed"]),
  basis: z
    .enum(["projection", "current", "deadline"])
    .describe("what decided the verdict: the projection, the current value (too few weeks), or the deadline"),
});

/** The answer of `GET /v1/goals`. */
export const Goals = z.object({
  now: time,
  time_zone: z.string().describe("the zone goal dates are read in (SLA_SUMMARY_TZ)"),
  goals: z.array(GoalStanding).describe("in the order of the config file"),
});
