/**
 * The goal sections of the config file: `goals` (a list of goals with a deadline; the older mapping of
 * headline goals is still read), `headline_goals` and `account_tags`. Every refusal carries its zod path,
 * so the file's line is named.
 */
import { z } from "zod";
import { parseDuration } from "../domain/duration.js";
import { GOAL_METRICS, goalDirection, MIN_TREND_POINTS } from "../domain/goals.js";
import { TARGET_NAMES } from "../domain/policy.js";
import { duration, fraction } from "./values.js";

/** The headline goals of the status and the dashboard; `prefix` names the section in messages. */
export const headlineGoalsSchema = (prefix: string) =>
  z
    .object({
      response_rate: fraction.optional(),
      attainment: fraction.optional(),
      fcr: fraction.optional(),
      window: duration(`${prefix}.window`).optional(),
    })
    .strict();

export type HeadlineGoalSettings = z.infer<ReturnType<typeof headlineGoalsSchema>>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `account_tags: { AcmeHelp: [us], ZedCare: [europe] }`. */
export const accountTagsSchema = z.record(
  z.string().min(1),
  z
    .array(
      z
        .string()
        .regex(TAG, "expected a tag of letters, digits, '-', '_', '.' or ':'")
        .refine((tag) => tag !== "untagged", "untagged is the group of accounts without a tag"),
    )
    .min(1, "expected at least one tag"),
);

const isDate = (text: string) => {
  const [, y, m, d] = text.match(DATE) ?? [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === text;
};

/** A date `YYYY-MM-DD`; the message names the field, as custom checks do. */
const date = (field: string) =>
  z
    .string({ error: "expected a date such as 2026-06-30" })
    .refine((text) => DATE.test(text) && isDate(text), `${field}: expected a date such as 2026-06-30`);

/** A threshold or baseline: a share for rates, a duration for TTFR percentiles (checked per metric below). */
const level = z.union([z.number(), z.string()], {
  error: "expected a share such as 0.95 or a duration such as 1h",
});

const scope = z.preprocess(
  (value) => (value === "all" ? {} : value),
  z
    .object(
      {
        account: z.string().min(1).optional(),
        source: z.string().min(1).optional(),
        tag: z.string().min(1).optional(),
      },
      { error: "expected all, or a mapping of account, source and tag" },
    )
    .strict(),
);

const goalSchema = z
  .object({
    name: z.string().regex(NAME, "expected a name of letters, digits, '-', '_' or '.'"),
    metric: z.enum(GOAL_METRICS, { error: `expected one of ${GOAL_METRICS.join(", ")}` }),
    target: z.enum(TARGET_NAMES, { error: `expected one of ${TARGET_NAMES.join(", ")}` }).optional(),
    threshold: level,
    baseline: level.optional(),
    scope: scope.optional(),
    start: date("start"),
    deadline: date("deadline"),
    window: duration("window").optional(),
    trend_weeks: z.number().int().min(MIN_TREND_POINTS).max(52).optional(),
  })
  .strict();

export type GoalSettings = z.infer<typeof goalSchema>;

/** Whether a threshold or baseline fits the metric: a share 0–1, or a duration for TTFR. */
function levelProblem(metric: GoalSettings["metric"], value: number | string): string | null {
  if (goalDirection(metric) === "at_least") {
    return typeof value === "number" && value >= 0 && value <= 1
      ? null
      : `expected a share between 0 and 1 such as 0.95 (${metric} is at least the threshold)`;
  }
  const ms = typeof value === "number" ? (Number.isInteger(value) ? value : null) : parseDuration(value);
  return ms !== null && ms > 0 ? null : `expected a duration such as 1h (${metric} is at most the threshold)`;
}

const goalListSchema = z.array(goalSchema).superRefine((goals, ctx) => {
  const seen = new Map<string, number>();
  const issue = (i: number, path: string[], message: string) =>
    ctx.addIssue({
      code: "custom",
      path: [i, ...path],
      message: `goals[${i}].${path.join(".")}: ${message}`,
    });
  goals.forEach((goal, i) => {
    const before = seen.get(goal.name);
    if (before !== undefined) issue(i, ["name"], `"${goal.name}" is already goals[${before}]`);
    seen.set(goal.name, i);
    if (goal.target !== undefined && goal.metric !== "attainment") {
      issue(i, ["target"], "only an attainment goal names a target");
    }
    for (const field of ["threshold", "baseline"] as const) {
      const value = goal[field];
      const problem = value === undefined ? null : levelProblem(goal.metric, value);
      if (problem) issue(i, [field], problem);
    }
    if (goal.deadline < goal.start)
      issue(i, ["deadline"], `${goal.deadline} is before the start ${goal.start}`);
  });
});

/**
 * `goals`: a list of goals, or (the older form, still read) the mapping of headline goals. Dispatching on
 * the shape keeps each form's own messages (a union would report both forms' complaints).
 */
export const goalsField = z.unknown().transform((value, ctx): GoalSettings[] | HeadlineGoalSettings => {
  if (typeof value !== "object" || value === null) {
    ctx.addIssue({
      code: "custom",
      message: "goals: expected a list of goals (or the older mapping of headline goals)",
    });
    return z.NEVER;
  }
  const parsed = Array.isArray(value)
    ? goalListSchema.safeParse(value)
    : headlineGoalsSchema("goals").safeParse(value);
  if (parsed.success) return parsed.data;
  for (const problem of parsed.error.issues) ctx.addIssue({ ...problem });
  return z.NEVER;
});
