/**
 * TTFR percentiles recomputed from the database apart from the service's code: plain SQL reads the
 * values, and nearest rank is worked out again here, so a bug in the service's metrics cannot hide in
 * the check.
 */
import type Database from "better-sqlite3";

/**
 * Nearest rank: the p-th percentile of n values is value number ⌈p/100 · n⌉ of them in ascending order
 * (1-based), null without values. The rank is computed in integers (p · n, then divided once).
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100]: ${p}`);
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[rank - 1] ?? null;
}

/** What the service's `GET /v1/metrics` total says, in the fields the check compares. */
export interface TtfrFigures {
  conversations: number;
  responded: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
}

/** Conversations started in `[from, to)` and their TTFR percentiles, from the database with plain SQL. */
export function recomputeTtfr(db: Database.Database, from: number, to: number): TtfrFigures {
  const conversations = db
    .prepare("SELECT count(*) FROM conversations WHERE started_at >= ? AND started_at < ?")
    .pluck()
    .get(from, to) as number;
  const ttfrs = db
    .prepare(
      `SELECT first_response_at - started_at FROM conversations
       WHERE started_at >= ? AND started_at < ? AND first_response_at IS NOT NULL`,
    )
    .pluck()
    .all(from, to) as number[];
  return {
    conversations,
    responded: ttfrs.length,
    p50: nearestRankPercentile(ttfrs, 50),
    p90: nearestRankPercentile(ttfrs, 90),
    p95: nearestRankPercentile(ttfrs, 95),
  };
}

/** The fields that differ between two sets of figures (exact comparison), by name. */
export function differences(expected: TtfrFigures, actual: TtfrFigures): string[] {
  const keys = ["conversations", "responded", "p50", "p90", "p95"] as const;
  return keys
    .filter((key) => !Object.is(expected[key], actual[key]))
    .map((key) => `${key}: expected ${expected[key]}, got ${actual[key]}`);
}

/** The figures from a `GET /v1/metrics` answer's `total`, or an error naming what is missing. */
export function figuresOf(body: unknown): TtfrFigures {
  const total = typeof body === "object" && body !== null && "total" in body ? body.total : null;
  if (typeof total !== "object" || total === null) throw new Error("metrics: the answer has no total");
  const field = (name: string): unknown => (total as Record<string, unknown>)[name];
  const count = (name: string) => {
    const value = field(name);
    if (typeof value !== "number") throw new Error(`metrics: total.${name} is not a number`);
    return value;
  };
  const optional = (name: string) => {
    const value = field(name);
    if (value !== null && typeof value !== "number")
      throw new Error(`metrics: total.${name} is not a number or null`);
    return value;
  };
  return {
    conversations: count("conversations"),
    responded: count("responded"),
    p50: optional("ttfr_p50_ms"),
    p90: optional("ttfr_p90_ms"),
    p95: optional("ttfr_p95_ms"),
  };
}
