import type { MetricSet } from "../domain/metrics.js";
import { WEEKDAYS } from "../domain/zoned-time.js";
import { SERIES_COLOURS } from "./chart-frame.js";
import { percent } from "./format.js";

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LEFT = 40;
const TOP = 8;
const CELL_W = 18;
const CELL_H = 22;
const WIDTH = LEFT + 24 * CELL_W + 8;
const HEIGHT = TOP + 7 * CELL_H + 22;

/** Light to dark blue, five steps: more conversations, darker. An hour without any stays white. */
const HEAT_SHADES = ["#dbe7fd", "#a9c5f5", "#6f9be6", "#2f6bd3", "#0a3f9e"] as const;

/** The grid a heat map draws: weekday rows (Monday first) of 24 hourly cells. */
export interface HeatMapProps {
  cells: ReadonlyArray<ReadonlyArray<MetricSet | null>>;
  timeZone: string;
  /** Cells whose attainment is below this are marked with a dot. */
  attainmentGoal: number;
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
const shadeOf = (count: number, max: number) =>
  count === 0 ? "#ffffff" : (HEAT_SHADES[Math.min(4, Math.ceil((count / max) * 5) - 1)] ?? HEAT_SHADES[4]);
const below = (cell: MetricSet | null, goal: number) => cell?.attainment != null && cell.attainment < goal;

function cellText(day: number, hour: number, cell: MetricSet | null): string {
  const count = cell?.conversations ?? 0;
  const when = `${DAY_NAMES[day]} ${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}`;
  return count === 0
    ? `${when}: no conversations`
    : `${when}: ${count} conversation${count === 1 ? "" : "s"}, attainment ${percent(cell?.attainment ?? null)}`;
}

/**
 * Conversations started per weekday and hour (in the leads' zone) as a server-rendered SVG heat map: the
 * darker, the more; a red dot marks an hour whose SLA attainment is below the goal. Each cell has a
 * tooltip; the same numbers are in a table below it.
 */
export function HeatMap({ cells, timeZone, attainmentGoal }: HeatMapProps) {
  const counts = cells.flat().map((cell) => cell?.conversations ?? 0);
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  let busiest = { day: 0, hour: 0, count: 0 };
  cells.forEach((row, day) => {
    row.forEach((cell, hour) => {
      const count = cell?.conversations ?? 0;
      if (count > busiest.count) busiest = { day, hour, count };
    });
  });
  const missed = cells.flat().filter((cell) => below(cell, attainmentGoal)).length;
  const desc =
    total === 0
      ? "No conversations in this range."
      : `${total} conversations by weekday and hour of their start (${timeZone}); busiest ${DAY_NAMES[busiest.day]} ${hourLabel(busiest.hour)} with ${busiest.count}; ${missed} hours below the attainment goal of ${percent(attainmentGoal)}.`;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="heat-title heat-desc" id="heat-map">
      <title id="heat-title">Conversations by weekday and hour</title>
      <desc id="heat-desc">{desc}</desc>
      <g font-size="12" fill={SERIES_COLOURS.text}>
        {WEEKDAYS.map((_, day) => (
          <text x={LEFT - 6} y={TOP + day * CELL_H + CELL_H / 2 + 4} text-anchor="end">
            {DAY_NAMES[day]}
          </text>
        ))}
        {[0, 3, 6, 9, 12, 15, 18, 21].map((hour) => (
          <text x={LEFT + hour * CELL_W} y={TOP + 7 * CELL_H + 16}>
            {String(hour).padStart(2, "0")}
          </text>
        ))}
      </g>
      <g data-series="heat">
        {cells.map((row, day) =>
          row.map((cell, hour) => {
            const count = cell?.conversations ?? 0;
            const x = LEFT + hour * CELL_W;
            const y = TOP + day * CELL_H;
            return (
              <g>
                <rect
                  x={x + 1}
                  y={y + 1}
                  width={CELL_W - 2}
                  height={CELL_H - 2}
                  rx="2"
                  fill={shadeOf(count, max)}
                  stroke={SERIES_COLOURS.grid}
                  stroke-width="0.5"
                  data-weekday={WEEKDAYS[day]}
                  data-hour={hour}
                  data-count={count}
                >
                  <title>{cellText(day, hour, cell)}</title>
                </rect>
                {below(cell, attainmentGoal) ? (
                  <circle
                    cx={x + CELL_W / 2}
                    cy={y + CELL_H / 2}
                    r="3.5"
                    fill={SERIES_COLOURS.goal}
                    stroke="#fff"
                    stroke-width="1.2"
                    data-below-goal="true"
                  />
                ) : null}
              </g>
            );
          }),
        )}
      </g>
    </svg>
  );
}

/** The heat map's numbers for screen readers and copying: one row per hour, one column per weekday. */
export function HeatTable({ cells }: { cells: ReadonlyArray<ReadonlyArray<MetricSet | null>> }) {
  return (
    <div class="table-wrap">
      <table id="heat-table">
        <thead>
          <tr>
            <th scope="col">Hour</th>
            {DAY_NAMES.map((day) => (
              <th scope="col" class="num">
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 24 }, (_, hour) => (
            <tr>
              <th scope="row">{hourLabel(hour)}</th>
              {cells.map((row) => {
                const cell = row[hour] ?? null;
                return (
                  <td class="num">{cell ? `${cell.conversations} (${percent(cell.attainment)})` : "0"}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The heat map's key: the lightest and darkest shades and the dot (decorative marks; the text says it). */
export function HeatLegend({ attainmentGoal }: { attainmentGoal: number }) {
  const swatch = (fill: string) => (
    <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false" class="mark">
      <rect x="1" y="1" width="16" height="12" rx="2" fill={fill} stroke={SERIES_COLOURS.grid} />
    </svg>
  );
  return (
    <ul class="legend">
      <li>
        {swatch(HEAT_SHADES[0])}
        few
      </li>
      <li>
        {swatch(HEAT_SHADES[4])}
        most conversations
      </li>
      <li>
        <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false" class="mark">
          <circle cx="9" cy="7" r="4" fill={SERIES_COLOURS.goal} />
        </svg>
        {`attainment below ${percent(attainmentGoal)}`}
      </li>
    </ul>
  );
}
