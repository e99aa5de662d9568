/** One observation of a series: `x` an instant (epoch ms), `y` the value measured then. */
export interface TrendPoint {
  x: number;
  y: number;
}

/** A straight line through a series, kept around its centre so that epoch-ms inputs stay exact enough. */
export interface TrendLine {
  /** Change of the value per millisecond. */
  slope: number;
  meanX: number;
  meanY: number;
  /** How many points the line was fitted to. */
  points: number;
}

/**
 * The ordinary least-squares line through the points (y on x). Null with fewer than two points, or when
 * every point has the same x (no direction to follow).
 */
export function leastSquares(points: readonly TrendPoint[]): TrendLine | null {
  const n = points.length;
  if (n < 2) return null;
  let sumX = 0;
  let sumY = 0;
  for (const p of points) {
    sumX += p.x;
    sumY += p.y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    sxx += dx * dx;
    sxy += dx * (p.y - meanY);
  }
  if (sxx === 0) return null;
  return { slope: sxy / sxx, meanX, meanY, points: n };
}

/** The line's value at `x`. */
export function lineAt(line: TrendLine, x: number): number {
  return line.meanY + line.slope * (x - line.meanX);
}
