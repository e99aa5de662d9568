import { describe, expect, it } from "vitest";
import {
  differences,
  figuresOf,
  nearestRankPercentile,
  type TtfrFigures,
} from "../../scripts/bench/percentiles.js";
import { nearestRank } from "../../src/domain/metrics.js";

describe("nearestRankPercentile (the benchmark's own recomputation)", () => {
  it.each([
    { values: [], p: 50, expected: null },
    { values: [7], p: 50, expected: 7 },
    { values: [7], p: 95, expected: 7 },
    { values: [2, 1], p: 50, expected: 1 },
    { values: [2, 1], p: 51, expected: 2 },
    { values: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p: 90, expected: 9 },
    { values: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p: 95, expected: 10 },
    { values: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p: 100, expected: 10 },
    { values: [3, -1, 3, 0], p: 50, expected: 0 },
    { values: Array.from({ length: 20 }, (_, i) => 20 - i), p: 95, expected: 19 },
  ])("p$p of $values is $expected", ({ values, p, expected }) => {
    expect(nearestRankPercentile(values, p)).toBe(expected);
  });

  it("sorts numerically, not as text", () => {
    expect(nearestRankPercentile([100, 9, 20], 50)).toBe(20);
  });

  it("refuses percentiles outside (0, 100]", () => {
    expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
    expect(() => nearestRankPercentile([1], 101)).toThrow(RangeError);
  });

  it("agrees with the service's nearest rank on varied sizes", () => {
    let seed = 1;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let n = 1; n <= 300; n++) {
      const values = Array.from({ length: n }, () => next() % 10_000_000);
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [50, 90, 95]) expect(nearestRankPercentile(values, p)).toBe(nearestRank(sorted, p));
    }
  });
});

describe("comparing the service's figures", () => {
  const figures: TtfrFigures = { conversations: 10, responded: 8, p50: 60_000, p90: 300_000, p95: null };

  it("reads them from a metrics answer's total", () => {
    const body = {
      total: {
        conversations: 10,
        responded: 8,
        ttfr_p50_ms: 60_000,
        ttfr_p90_ms: 300_000,
        ttfr_p95_ms: null,
      },
    };
    expect(figuresOf(body)).toEqual(figures);
    expect(() => figuresOf({})).toThrow(/no total/);
    expect(() => figuresOf({ total: { ...body.total, responded: "8" } })).toThrow(/responded/);
    expect(() => figuresOf({ total: { ...body.total, ttfr_p50_ms: "1" } })).toThrow(/ttfr_p50_ms/);
  });

  it("names each field that differs, exactly", () => {
    expect(differences(figures, { ...figures })).toEqual([]);
    expect(differences(figures, { ...figures, p90: 300_001, p95: 0 })).toEqual([
      "p90: expected 300000, got 300001",
      "p95: expected null, got 0",
    ]);
  });
});
