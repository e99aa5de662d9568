import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import { goalDirection, WEEK_MS } from "../domain/goals.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** One goal's standing in the API's snake_case form (`GET /v1/goals`). */
export function goalJson(e: GoalEvaluation) {
  const { goal } = e;
  const direction = goalDirection(goal.metric);
  return {
    name: goal.name,
    metric: goal.metric,
    target: goal.metric === "attainment" ? goal.target : null,
    direction,
    unit: direction === "at_least" ? "fraction" : "ms",
    threshold: goal.threshold,
    scope: {
      account: goal.scope.account ?? null,
      source: goal.scope.source ?? null,
      tag: goal.scope.tag ?? null,
    },
    start: iso(goal.start),
    deadline: iso(goal.deadline),
    window_ms: goal.windowMs,
    current: {
      value: e.value,
      conversations: e.conversations,
      from: iso(e.window.from),
      to: iso(e.window.to),
    },
    baseline: {
      value: e.baseline.value,
      measured: e.baseline.measured,
      from: e.baseline.window ? iso(e.baseline.window.from) : null,
      to: e.baseline.window ? iso(e.baseline.window.to) : null,
    },
    progress: e.progress,
    time_elapsed: e.timeElapsed,
    trend: {
      weeks: e.weeks.map((w) => ({
        from: iso(w.from),
        to: iso(w.to),
        value: w.value,
        conversations: w.conversations,
      })),
      points: e.projection?.line.points ?? e.weeks.filter((w) => w.value !== null).length,
      slope_per_week: e.projection ? e.projection.line.slope * WEEK_MS : null,
    },
    projection: e.projection ? { value: e.projection.value, at: iso(goal.deadline) } : null,
    verdict: e.verdict,
    basis: e.basis,
  };
}
