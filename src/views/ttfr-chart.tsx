import type { HistogramBucket, TtfrHistogram } from "../services/ttfr-histogram.js";
import { axisDuration, CHART, PLOT, SERIES_COLOURS } from "./chart-frame.js";

/**
 * The TTFR distribution as a histogram with the target marked: bars up to the target in green, slower
 * ones in red, and a labelled line at the target. Bars are equal width over uneven ranges (finer near the
 * target); the edges are labelled, and each bar has a tooltip with its range and count. Each response is
 * placed by its share of its own conversation's target: when they all had the same target, the edges read
 * as durations; when targets differ (policies, business calendars), as shares of the target.
 */
export function TtfrChart({ histogram }: { histogram: TtfrHistogram }) {
  const { buckets, targetMs } = histogram;
  const n = Math.max(1, buckets.length);
  const width = (PLOT.x1 - PLOT.x0) / n;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const within = buckets.filter((b) => b.withinTarget).reduce((sum, b) => sum + b.count, 0);
  const height = (count: number) => (count / max) * (PLOT.y1 - PLOT.y0 - 14);
  const targetIndex = buckets.findIndex((b) => !b.withinTarget);
  const targetX = PLOT.x0 + (targetIndex < 0 ? n : targetIndex) * width;
  const edge = (share: number) =>
    targetMs === null ? `${Number(share.toFixed(3))}×` : axisDuration(Math.round(share * targetMs));
  const range = (b: HistogramBucket) =>
    b.toShare === null ? `${edge(b.fromShare)} or more` : `${edge(b.fromShare)} to ${edge(b.toShare)}`;
  const targetName =
    targetMs === null ? "each conversation's target" : `the ${axisDuration(targetMs)} target`;
  return (
    <svg
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby="ttfr-title ttfr-desc"
      id="ttfr-chart"
    >
      <title id="ttfr-title">Time to first response distribution</title>
      <desc id="ttfr-desc">
        {`${total} first responses, ${within} within ${targetName}. ` +
          buckets.map((b) => `${range(b)}: ${b.count}`).join("; ")}
      </desc>
      <line x1={PLOT.x0} x2={PLOT.x1} y1={PLOT.y1} y2={PLOT.y1} stroke={SERIES_COLOURS.grid} />
      <g data-series="ttfr" font-size="12">
        {buckets.map((b, i) => {
          const h = height(b.count);
          const x = PLOT.x0 + i * width;
          return (
            <g>
              <rect
                x={x + 2}
                y={PLOT.y1 - h}
                width={width - 4}
                height={h}
                fill={b.withinTarget ? SERIES_COLOURS.within : SERIES_COLOURS.over}
                data-count={b.count}
              >
                <title>{`${range(b)}: ${b.count}`}</title>
              </rect>
              <text x={x + width / 2} y={PLOT.y1 - h - 4} text-anchor="middle" fill={SERIES_COLOURS.text}>
                {b.count}
              </text>
            </g>
          );
        })}
      </g>
      <g font-size="12" fill={SERIES_COLOURS.text}>
        {buckets.map((b, i) => (
          <text x={PLOT.x0 + i * width} y={PLOT.y1 + 16} text-anchor="middle">
            {edge(b.fromShare)}
          </text>
        ))}
        <text x={PLOT.x1} y={PLOT.y1 + 32} text-anchor="end">
          {targetMs === null ? "time to first response, in shares of its target" : "time to first response"}
        </text>
      </g>
      <g data-series="target">
        <line
          x1={targetX}
          x2={targetX}
          y1={PLOT.y0}
          y2={PLOT.y1}
          stroke={SERIES_COLOURS.goal}
          stroke-width="2"
          stroke-dasharray="6 4"
        />
        <text x={targetX + 4} y={PLOT.y0 + 8} font-size="11" fill={SERIES_COLOURS.goal}>
          {targetMs === null ? "target" : `target ${axisDuration(targetMs)}`}
        </text>
      </g>
    </svg>
  );
}
