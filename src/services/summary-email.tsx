import type { JSX } from "hono/jsx/jsx-runtime";
import type { Goals } from "../config.js";
import { formatDuration } from "../domain/duration.js";
import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import type { MetricSet } from "../domain/metrics.js";
import type { DigestItem } from "./digest-item.js";
import {
  byDue,
  EmailPage,
  formatTime,
  ItemTable,
  type ItemView,
  oneLine,
  plural,
  type RenderedEmail,
  renderDocument,
  STYLES,
  textSection,
  viewItem,
} from "./email-parts.js";
import { GOAL_COLUMNS, type GoalLine, GoalsTable, goalCells, goalLines } from "./summary-goals.js";

/** What the daily summary reports on. */
export interface DailySummaryInput {
  /** The local day summarised, `YYYY-MM-DD` in `timeZone`. */
  day: string;
  timeZone: string;
  /** The metric set of the conversations started on `day`. */
  yesterday: MetricSet;
  /** The goal window (e.g. the last 30 days) and its metric set. */
  window: { from: number; to: number; metrics: MetricSet };
  goals: Goals;
  targetMs: number;
  /** The conversations that breached on `day`. */
  breaches: readonly DigestItem[];
  /** The configured goals at `now` (dates shown in `timeZone`); none: no goals section. */
  goalReport?: readonly GoalEvaluation[];
  now: number;
}

/** One measured value as shown: the number and, where there is a goal, whether it was met. */
interface Cell {
  value: string;
  met: boolean | null;
}

interface Row {
  label: string;
  goal: string;
  day: Cell;
  window: Cell;
}

/** Same convention as `report`: one decimal, "-" when the rate is undefined. */
function percent(value: number | null): string {
  return value === null ? "-" : `${(value * 100).toFixed(1)}%`;
}

/** Goals are usually round (100%, 70%): no trailing ".0". */
function goalPercent(goal: number): string {
  return `${Number((goal * 100).toFixed(1))}%`;
}

function rateCell(value: number | null, goal: number): Cell {
  return { value: percent(value), met: value === null ? null : value >= goal };
}

function ttfrCell(value: number | null, targetMs: number): Cell {
  return {
    value: value === null ? "-" : formatDuration(value),
    met: value === null ? null : value <= targetMs,
  };
}

function rowsOf(input: DailySummaryInput): Row[] {
  const { goals, targetMs } = input;
  const target = formatDuration(targetMs);
  const both = (cell: (metrics: MetricSet) => Cell) => ({
    day: cell(input.yesterday),
    window: cell(input.window.metrics),
  });
  return [
    {
      label: "Response rate",
      goal: goalPercent(goals.responseRate),
      ...both((m) => rateCell(m.responseRate, goals.responseRate)),
    },
    {
      label: `SLA attainment (first response within ${target})`,
      goal: goalPercent(goals.attainment),
      ...both((m) => rateCell(m.attainment, goals.attainment)),
    },
    {
      label: "First-contact resolution",
      goal: goalPercent(goals.fcr),
      ...both((m) => rateCell(m.fcrRate, goals.fcr)),
    },
    { label: "TTFR p50", goal: `≤ ${target}`, ...both((m) => ttfrCell(m.ttfrP50Ms, targetMs)) },
    { label: "TTFR p90", goal: `≤ ${target}`, ...both((m) => ttfrCell(m.ttfrP90Ms, targetMs)) },
    {
      label: "Conversations",
      goal: "",
      ...both((m) => ({ value: String(m.conversations), met: null })),
    },
  ];
}

function mark(met: boolean | null): string {
  return met === null ? "" : met ? "met" : "missed";
}

function cellText(cell: Cell): string {
  return cell.met === null ? cell.value : `${cell.value} ${mark(cell.met)}`;
}

/** `Last 30 days` for a whole number of days, else the window's duration. */
function windowLabel(from: number, to: number): string {
  const days = (to - from) / 86_400_000;
  return Number.isInteger(days) ? `Last ${plural(days, "day")}` : `Last ${formatDuration(to - from)}`;
}

/** `[SLA] Daily summary 2026-03-01: response rate 97.0% (goal 100%), FCR 72.0% (goal 70%)`. */
export function summarySubject(input: Pick<DailySummaryInput, "day" | "yesterday" | "goals">): string {
  const { yesterday, goals } = input;
  return oneLine(
    `[SLA] Daily summary ${input.day}: response rate ${percent(yesterday.responseRate)} ` +
      `(goal ${goalPercent(goals.responseRate)}), FCR ${percent(yesterday.fcrRate)} (goal ${goalPercent(goals.fcr)})`,
  );
}

/** Columns padded to their widest cell, for a terminal. */
function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [header, ...body].map(line).join("\n");
}

interface SummaryView {
  day: string;
  timeZone: string;
  windowLabel: string;
  windowRange: string;
  rows: Row[];
  goals: GoalLine[];
  breachTitle: string;
  breaches: ItemView[];
}

function summaryText(view: SummaryView): string {
  const table = textTable(
    ["Metric", "Goal", view.day, view.windowLabel],
    view.rows.map((row) => [row.label, row.goal, cellText(row.day), cellText(row.window)]),
  );
  const blocks = [
    `SLA daily summary for ${view.day} (${view.timeZone})`,
    table,
    `Goal window: ${view.windowRange}.`,
    ...(view.goals.length > 0 ? [`Goals\n\n${textTable(GOAL_COLUMNS, view.goals.map(goalCells))}`] : []),
    view.breaches.length === 0
      ? `${view.breachTitle}\n\nNo breaches.`
      : textSection(view.breachTitle, view.breaches),
  ];
  return `${blocks.join("\n\n")}\n`;
}

function MarkedCell(props: { cell: Cell }): JSX.Element {
  const { cell } = props;
  const style = cell.met === null ? STYLES.td : `${STYLES.td};${cell.met ? STYLES.ok : STYLES.late}`;
  // The word, not only the colour, says whether the goal was met.
  return (
    <td style={style}>
      {cell.value}
      {cell.met === null ? null : ` ${mark(cell.met)}`}
    </td>
  );
}

function MetricsTable(props: { view: SummaryView }): JSX.Element {
  const { view } = props;
  return (
    <table style={STYLES.table} aria-label={`Metrics for ${view.day} against the goals`}>
      <thead>
        <tr>
          <th scope="col" style={STYLES.th}>
            Metric
          </th>
          <th scope="col" style={STYLES.th}>
            Goal
          </th>
          <th scope="col" style={STYLES.th}>
            {view.day}
          </th>
          <th scope="col" style={STYLES.th}>
            {view.windowLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => (
          <tr>
            <th scope="row" style={`${STYLES.td};text-align:left;font-weight:normal`}>
              {row.label}
            </th>
            <td style={STYLES.td}>{row.goal}</td>
            <MarkedCell cell={row.day} />
            <MarkedCell cell={row.window} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryPage(props: { subject: string; view: SummaryView }): JSX.Element {
  const { view } = props;
  return (
    <EmailPage title={props.subject}>
      <h1 style={STYLES.h1}>SLA daily summary for {view.day}</h1>
      <p style={STYLES.muted}>Times are shown in {view.timeZone}.</p>
      <h2 style={STYLES.h2}>Numbers against the goals</h2>
      <MetricsTable view={view} />
      <p style={`${STYLES.muted};margin-top:8px`}>Goal window: {view.windowRange}.</p>
      {view.goals.length > 0 ? (
        <>
          <h2 style={STYLES.h2}>Goals</h2>
          <GoalsTable lines={view.goals} />
        </>
      ) : null}
      <h2 style={STYLES.h2}>{view.breachTitle}</h2>
      {view.breaches.length === 0 ? (
        <p style={STYLES.p}>No breaches.</p>
      ) : (
        <ItemTable label={view.breachTitle} views={view.breaches} />
      )}
    </EmailPage>
  );
}

/**
 * Renders the daily summary for leads: the day's and the goal window's numbers against the goals, each
 * marked met or missed, and the day's breaches rendered as in the alert email. Pure: no I/O, no clock.
 */
export function renderDailySummary(input: DailySummaryInput): RenderedEmail {
  const day = oneLine(input.day);
  const breaches = [...input.breaches].sort(byDue).map((item) => viewItem(item, input.now, input.timeZone));
  const view: SummaryView = {
    day,
    timeZone: input.timeZone,
    windowLabel: windowLabel(input.window.from, input.window.to),
    windowRange: `${formatTime(input.window.from, input.timeZone)} – ${formatTime(input.window.to, input.timeZone)}`,
    rows: rowsOf(input),
    goals: goalLines(input.goalReport ?? [], input.timeZone),
    breachTitle: `Breaches on ${day} (${breaches.length})`,
    breaches,
  };
  const subject = summarySubject({ ...input, day });
  const html = renderDocument(<SummaryPage subject={subject} view={view} />);
  return { subject, text: summaryText(view), html };
}
