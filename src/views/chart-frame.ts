/** Geometry shared by the SVG charts: one viewBox, scaled to the figure's width by CSS. */
export const CHART = { width: 480, height: 240, left: 54, right: 14, top: 14, bottom: 40 } as const;

/** The plotting area inside the margins: x grows right, y grows down (SVG). */
export const PLOT = {
  x0: CHART.left,
  x1: CHART.width - CHART.right,
  y0: CHART.top,
  y1: CHART.height - CHART.bottom,
} as const;

/** Series colours, dark enough for 3:1 against the panel background; each series also differs in shape. */
export const SERIES_COLOURS = {
  attainment: "#0b57d0",
  responseRate: "#7b1fa2",
  goal: "#b00020",
  within: "#1b6e2d",
  over: "#b00020",
  grid: "#c4c7cc",
  text: "#333333",
} as const;

/** A duration short enough for an axis label: `15m`, `2h`, `1.5h`. */
export function axisDuration(ms: number): string {
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  const hours = Math.round((ms / 3_600_000) * 10) / 10;
  return `${hours}h`;
}
