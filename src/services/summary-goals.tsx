import type { JSX } from "hono/jsx/jsx-runtime";
import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import { STYLES } from "./email-parts.js";
import {
  deadlineDate,
  goalMetricLabel,
  goalScopeText,
  goalThresholdText,
  goalValueText,
  progressText,
  VERDICT_LABEL,
} from "./goal-text.js";

/** One goal as the daily summary lists it. */
export interface GoalLine {
  goal: string;
  what: string;
  now: string;
  progress: string;
  atDeadline: string;
  verdict: string;
  good: boolean;
}

/** The goals' lines: value now, progress from the baseline, the projection (or final value), the verdict. */
export function goalLines(goals: readonly GoalEvaluation[], timeZone: string): GoalLine[] {
  return goals.map((e) => ({
    goal: e.goal.name,
    what: `${goalMetricLabel(e.goal)} ${goalThresholdText(e.goal)}, ${goalScopeText(e.goal.scope)}, by ${deadlineDate(e.goal, timeZone)}`,
    now: goalValueText(e.goal, e.value, "-"),
    progress: progressText(e.progress, "-"),
    atDeadline:
      e.basis === "deadline"
        ? `${goalValueText(e.goal, e.value, "-")} final`
        : e.projection
          ? `${goalValueText(e.goal, e.projection.value, "-")} projected`
          : "-",
    verdict: VERDICT_LABEL[e.verdict],
    good: e.verdict === "on_track" || e.verdict === "met",
  }));
}

export const GOAL_COLUMNS = ["Goal", "Now", "Progress", "At the deadline", "Verdict"] as const;

/** A line's cells in the order of `GOAL_COLUMNS`, the goal with what it asks. */
export function goalCells(line: GoalLine): string[] {
  return [`${line.goal} (${line.what})`, line.now, line.progress, line.atDeadline, line.verdict];
}

/** The goals table of the HTML part; the verdict is a word, coloured as well. */
export function GoalsTable(props: { lines: readonly GoalLine[] }): JSX.Element {
  return (
    <table style={STYLES.table} aria-label="Goals with their projection">
      <thead>
        <tr>
          {GOAL_COLUMNS.map((column) => (
            <th scope="col" style={STYLES.th}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line) => (
          <tr>
            <th scope="row" style={`${STYLES.td};text-align:left;font-weight:normal`}>
              {line.goal}
              <br />
              <span style={STYLES.muted}>{line.what}</span>
            </th>
            <td style={STYLES.td}>{line.now}</td>
            <td style={STYLES.td}>{line.progress}</td>
            <td style={STYLES.td}>{line.atDeadline}</td>
            <td style={`${STYLES.td};${line.good ? STYLES.ok : STYLES.late}`}>{line.verdict}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
