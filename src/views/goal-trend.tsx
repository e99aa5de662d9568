import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import { goalDirection } from "../domain/goals.js";
import { lineAt } from "../domain/trend.js";
import { goalThresholdText, goalValueText } from "../services/goal-text.js";
import { SERIES_COLOURS } from "./chart-frame.js";

const W = 160;
const H = 48;
const PAD = 5;

/**
 * A goal's weekly values (dots), the least-squares line carried on to the deadline (dashed, ending in a
 * ring at the projected value) and the threshold (red dashes), as a small SVG. Its label says the same in
 * words.
 */
export function GoalTrend({ evaluation }: { evaluation: GoalEvaluation }) {
  const { goal, weeks, projection } = evaluation;
  const points = weeks.flatMap((w) => (w.value === null ? [] : [{ x: w.to, y: w.value }]));
  const x0 = weeks[0]?.to ?? goal.start;
  const x1 = Math.max(goal.deadline, weeks[weeks.length - 1]?.to ?? goal.deadline);
  const ys = [goal.threshold, ...points.map((p) => p.y), ...(projection ? [projection.value] : [])];
  const rate = goalDirection(goal.metric) === "at_least";
  const spread = Math.max(...ys) - Math.min(...ys);
  const lo = rate ? Math.max(0, Math.min(...ys) - spread * 0.15 - 0.02) : 0;
  const hi = rate ? Math.min(1, Math.max(...ys) + spread * 0.15 + 0.02) : Math.max(...ys) * 1.15 || 1;
  const xOf = (x: number) => PAD + ((x - x0) / Math.max(1, x1 - x0)) * (W - 2 * PAD);
  const yOf = (y: number) => H - PAD - ((y - lo) / Math.max(1e-9, hi - lo)) * (H - 2 * PAD);
  const text = (v: number | null) => goalValueText(goal, v);
  const label =
    `Weekly values, oldest first: ${weeks.map((w) => text(w.value)).join(", ")}. ` +
    (projection ? `Projected ${text(projection.value)} at the deadline. ` : "No projection. ") +
    `Goal ${goalThresholdText(goal)}.`;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      class="sparkline"
      role="img"
      aria-label={label}
      data-goal-trend={goal.name}
    >
      <line
        x1={PAD}
        x2={W - PAD}
        y1={yOf(goal.threshold)}
        y2={yOf(goal.threshold)}
        stroke={SERIES_COLOURS.goal}
        stroke-width="1.5"
        stroke-dasharray="4 3"
      />
      {projection && points[0] ? (
        <g data-series="projection">
          <line
            x1={xOf(points[0].x)}
            x2={xOf(goal.deadline)}
            y1={yOf(lineAt(projection.line, points[0].x))}
            y2={yOf(projection.value)}
            stroke={SERIES_COLOURS.attainment}
            stroke-width="1.5"
            stroke-dasharray="2 2"
          />
          <circle
            cx={xOf(goal.deadline)}
            cy={yOf(projection.value)}
            r="3"
            fill="#fff"
            stroke={SERIES_COLOURS.attainment}
            stroke-width="1.5"
          />
        </g>
      ) : null}
      <g data-series="weeks">
        {points.map((p) => (
          <circle cx={xOf(p.x)} cy={yOf(p.y)} r="2.5" fill={SERIES_COLOURS.attainment} />
        ))}
      </g>
    </svg>
  );
}
