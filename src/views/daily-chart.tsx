import type { DayPoint } from "../services/dashboard-data.js";
import { CHART, PLOT, SERIES_COLOURS } from "./chart-frame.js";
import { percent } from "./format.js";

/** The days to plot and the goals to draw as lines. */
export interface DailyChartProps {
  days: readonly DayPoint[];
  goals: { attainment: number; responseRate: number };
}

type Series = { key: "attainment" | "responseRate"; label: string; value: (p: DayPoint) => number | null };

const SERIES: Series[] = [
  { key: "attainment", label: "SLA attainment", value: (p) => p.metrics?.attainment ?? null },
  { key: "responseRate", label: "Response rate", value: (p) => p.metrics?.responseRate ?? null },
];

const yOf = (rate: number) => PLOT.y1 - rate * (PLOT.y1 - PLOT.y0);

/** `2026-03-02` as `2 Mar`. */
function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

/**
 * Daily SLA attainment and response rate (0–100%) against the goal lines, as server-rendered SVG. A day
 * without due conversations is a gap in the line, not a zero. Each point has a tooltip; the same numbers
 * are in a table below the chart for screen readers.
 */
export function DailyChart({ days, goals }: DailyChartProps) {
  const n = days.length;
  const xOf = (i: number) =>
    n === 1 ? (PLOT.x0 + PLOT.x1) / 2 : PLOT.x0 + (i * (PLOT.x1 - PLOT.x0)) / (n - 1);
  const labelEvery = Math.max(1, Math.ceil(n / 6));
  const goalLines =
    goals.attainment === goals.responseRate
      ? [{ value: goals.attainment, label: `goal ${percent(goals.attainment)}` }]
      : [
          { value: goals.attainment, label: `attainment goal ${percent(goals.attainment)}` },
          { value: goals.responseRate, label: `response goal ${percent(goals.responseRate)}` },
        ];
  const desc = `Daily SLA attainment and response rate for ${n} days (UTC), against the ${goalLines.map((g) => g.label).join(" and ")}.`;
  return (
    <svg
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby="daily-title daily-desc"
      id="daily-chart"
    >
      <title id="daily-title">Daily attainment and response rate</title>
      <desc id="daily-desc">{desc}</desc>
      <g font-size="13" fill={SERIES_COLOURS.text}>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g>
            <line x1={PLOT.x0} x2={PLOT.x1} y1={yOf(tick)} y2={yOf(tick)} stroke={SERIES_COLOURS.grid} />
            <text x={PLOT.x0 - 6} y={yOf(tick) + 4} text-anchor="end">{`${tick * 100}%`}</text>
          </g>
        ))}
        {days.map((p, i) =>
          i % labelEvery === 0 || i === n - 1 ? (
            <text
              x={xOf(i)}
              y={PLOT.y1 + 18}
              text-anchor={n > 1 && i === n - 1 ? "end" : n > 1 && i === 0 ? "start" : "middle"}
            >
              {dayLabel(p.day)}
            </text>
          ) : null,
        )}
      </g>
      {goalLines.map((g) => (
        <g data-series="goal">
          <line
            x1={PLOT.x0}
            x2={PLOT.x1}
            y1={yOf(g.value)}
            y2={yOf(g.value)}
            stroke={SERIES_COLOURS.goal}
            stroke-width="2"
            stroke-dasharray="6 4"
          >
            <title>{g.label}</title>
          </line>
        </g>
      ))}
      {SERIES.map((s) => {
        let path = "";
        let pen = false;
        days.forEach((p, i) => {
          const v = s.value(p);
          if (v === null) {
            pen = false;
            return;
          }
          path += `${pen ? "L" : "M"}${xOf(i).toFixed(1)},${yOf(v).toFixed(1)} `;
          pen = true;
        });
        const colour = SERIES_COLOURS[s.key];
        return (
          <g data-series={s.key}>
            <path
              d={path.trim()}
              fill="none"
              stroke={colour}
              stroke-width="2.5"
              stroke-dasharray={s.key === "responseRate" ? "2 3" : undefined}
            />
            {days.map((p, i) => {
              const v = s.value(p);
              if (v === null) return null;
              const tip = <title>{`${dayLabel(p.day)}: ${s.label.toLowerCase()} ${percent(v)}`}</title>;
              return s.key === "attainment" ? (
                <circle cx={xOf(i)} cy={yOf(v)} r="4" fill={colour}>
                  {tip}
                </circle>
              ) : (
                <rect x={xOf(i) - 3.5} y={yOf(v) - 3.5} width="7" height="7" fill={colour}>
                  {tip}
                </rect>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
