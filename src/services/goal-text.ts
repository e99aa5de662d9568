/** How goals read in the pages and the daily summary: names of metrics, values, thresholds, verdicts. */
import { formatDuration } from "../domain/duration.js";
import { type Goal, type GoalScope, type GoalVerdict, goalDirection } from "../domain/goals.js";
import { localDate } from "../domain/zoned-time.js";

export const VERDICT_LABEL: Record<GoalVerdict, string> = {
  on_track: "on track",
  at_risk: "at risk",
  met: "met",
  missed: "missed",
};

const TARGET_LABEL = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
};

/** `SLA attainment (first response)`, `TTFR p90`. */
export function goalMetricLabel(goal: Pick<Goal, "metric" | "target">): string {
  switch (goal.metric) {
    case "response_rate":
      return "Response rate";
    case "attainment":
      return `SLA attainment (${TARGET_LABEL[goal.target]})`;
    case "fcr":
      return "First-contact resolution";
    default:
      return `TTFR ${goal.metric.slice("ttfr_".length)}`;
  }
}

/** A goal's value as shown: a percentage with one decimal for rates, a duration for TTFR. */
export function goalValueText(goal: Pick<Goal, "metric">, value: number | null, empty = "–"): string {
  if (value === null) return empty;
  if (goalDirection(goal.metric) === "at_most") return formatDuration(value);
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** `≥ 95.0%` or `≤ 1h`. */
export function goalThresholdText(goal: Pick<Goal, "metric" | "threshold">): string {
  const sign = goalDirection(goal.metric) === "at_least" ? "≥" : "≤";
  return `${sign} ${goalValueText(goal, goal.threshold)}`;
}

/** `all conversations`, or `account AcmeHelp, tag europe`. */
export function goalScopeText(scope: GoalScope): string {
  const parts = [
    scope.account !== undefined ? `account ${scope.account}` : null,
    scope.source !== undefined ? `source ${scope.source}` : null,
    scope.tag !== undefined ? `tag ${scope.tag}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(", ") : "all conversations";
}

/** The deadline's date as configured: the last day of the goal, in `timeZone`. */
export function deadlineDate(goal: Pick<Goal, "deadline">, timeZone: string): string {
  return localDate(goal.deadline - 1, timeZone);
}

/** A progress share as a whole percentage (`60%`), or the en dash. */
export function progressText(progress: number | null, empty = "–"): string {
  return progress === null ? empty : `${Math.round(progress * 100)}%`;
}
