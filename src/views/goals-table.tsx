import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import {
  deadlineDate,
  goalMetricLabel,
  goalScopeText,
  goalThresholdText,
  goalValueText,
  progressText,
  VERDICT_LABEL,
} from "../services/goal-text.js";
import { GoalTrend } from "./goal-trend.js";

/**
 * The goals on the dashboard: each with its metric and scope, the current value, the baseline, progress
 * from the baseline to the threshold, the projection at the deadline with its trend, and the verdict in
 * words.
 */
export function GoalsTable({ goals, timeZone }: { goals: readonly GoalEvaluation[]; timeZone: string }) {
  if (goals.length === 0) {
    return (
      <p class="meta" id="goals-empty">
        No goals are configured (the config file's goals list).
      </p>
    );
  }
  return (
    <div class="table-wrap">
      <table id="goals" class="stack">
        <caption class="sr-only">Goals with their progress and projection</caption>
        <thead>
          <tr>
            <th scope="col">Goal</th>
            <th scope="col" class="num">
              Now
            </th>
            <th scope="col" class="num">
              Baseline
            </th>
            <th scope="col">Progress</th>
            <th scope="col" class="num">
              At the deadline
            </th>
            <th scope="col">Trend</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {goals.map((e) => {
            const { goal } = e;
            const share = e.progress === null ? 0 : Math.min(1, Math.max(0, e.progress));
            const atDeadline = e.projection ? `${goalValueText(goal, e.projection.value)} projected` : "–";
            return (
              <tr data-goal={goal.name} class={e.verdict}>
                <th scope="row">
                  {goal.name}
                  <span class="detail">
                    {`${goalMetricLabel(goal)} ${goalThresholdText(goal)} · ${goalScopeText(goal.scope)} · by ${deadlineDate(goal, timeZone)}`}
                  </span>
                </th>
                <td data-label="Now" class="num">
                  {goalValueText(goal, e.value)}
                </td>
                <td data-label="Baseline" class="num">
                  {goalValueText(goal, e.baseline.value)}
                  {e.baseline.measured ? <span class="detail">measured</span> : null}
                </td>
                <td data-label="Progress">
                  <progress
                    max="100"
                    value={String(Math.round(share * 100))}
                    aria-label={`Progress of ${goal.name}`}
                  >
                    {progressText(e.progress)}
                  </progress>{" "}
                  {progressText(e.progress)}
                </td>
                <td data-label="At the deadline" class="num">
                  {e.basis === "deadline" ? `${goalValueText(goal, e.value)} final` : atDeadline}
                </td>
                <td data-label="Trend">
                  <GoalTrend evaluation={e} />
                </td>
                <td data-label="Verdict">
                  <span class={`badge ${e.verdict}`}>{VERDICT_LABEL[e.verdict]}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
