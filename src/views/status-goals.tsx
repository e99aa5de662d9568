import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import type { GoalVerdict } from "../domain/goals.js";
import {
  deadlineDate,
  goalMetricLabel,
  goalThresholdText,
  goalValueText,
  VERDICT_LABEL,
} from "../services/goal-text.js";

const CARD_CLASS: Record<GoalVerdict, string> = {
  on_track: "card good",
  met: "card good",
  at_risk: "card warn",
  missed: "card bad",
};

/** The goals in brief for agents: each one's current value and verdict (in words), linking to the dashboard. */
export function StatusGoals({ goals, timeZone }: { goals: readonly GoalEvaluation[]; timeZone: string }) {
  if (goals.length === 0) return null;
  return (
    <section aria-labelledby="status-goals-heading">
      <h2 id="status-goals-heading">Goals</h2>
      <p class="meta">
        Each over its own window (a week unless configured), projected to its deadline.{" "}
        <a href="/dashboard#goals-heading">Details on the dashboard</a>
      </p>
      <ul class="cards" aria-label="Goals">
        {goals.map((e) => (
          <li class={CARD_CLASS[e.verdict]} data-goal={e.goal.name}>
            <span class="value">{goalValueText(e.goal, e.value)}</span>
            <span class="label">{e.goal.name}</span>
            <span class="detail">
              {`${goalMetricLabel(e.goal)} ${goalThresholdText(e.goal)} by ${deadlineDate(e.goal, timeZone)} · ${VERDICT_LABEL[e.verdict]}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
