import { describe, expect, it } from "vitest";
import { accountTags } from "../../src/domain/account-tags.js";
import {
  evaluateGoals,
  type GoalConversation,
  goalRanges,
  goalWindows,
} from "../../src/domain/goal-evaluation.js";
import {
  type Goal,
  goalProgress,
  goalVerdict,
  projectGoal,
  WEEK_MS,
  type WeekValue,
} from "../../src/domain/goals.js";
import { leastSquares, lineAt } from "../../src/domain/trend.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.parse("2026-03-02T12:00:00Z");

function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    name: "g",
    metric: "attainment",
    target: "first_response",
    threshold: 0.95,
    scope: {},
    start: NOW - 4 * WEEK_MS,
    deadline: NOW + 4 * WEEK_MS,
    baseline: 0.8,
    windowMs: WEEK_MS,
    trendWeeks: 6,
    ...overrides,
  };
}

/** Weekly values ending at `now`, oldest first. */
function series(values: Array<number | null>, now = NOW): WeekValue[] {
  return values.map((value, i) => {
    const to = now - (values.length - 1 - i) * WEEK_MS;
    return { from: to - WEEK_MS, to, value, conversations: value === null ? 0 : 10 };
  });
}

describe("least squares", () => {
  it("fits the exact line through collinear points, whatever their scale", () => {
    const line = leastSquares([
      { x: NOW, y: 1 },
      { x: NOW + WEEK_MS, y: 3 },
      { x: NOW + 2 * WEEK_MS, y: 5 },
    ]);
    expect(line).not.toBeNull();
    if (!line) return;
    expect(line.slope * WEEK_MS).toBeCloseTo(2, 12);
    expect(lineAt(line, NOW + 3 * WEEK_MS)).toBeCloseTo(7, 9);
  });

  it("fits the least-squares line through scattered points", () => {
    // y = 1, 2, 2, 4 at x = 0..3: slope 0.9, intercept 0.9.
    const line = leastSquares([1, 2, 2, 4].map((y, x) => ({ x, y })));
    expect(line?.slope).toBeCloseTo(0.9, 12);
    expect(line && lineAt(line, 0)).toBeCloseTo(0.9, 12);
  });

  it("has no line through one point or through points at one x", () => {
    expect(leastSquares([])).toBeNull();
    expect(leastSquares([{ x: 1, y: 1 }])).toBeNull();
    expect(
      leastSquares([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe("projection at the deadline", () => {
  const g = goal({ deadline: NOW + 4 * WEEK_MS });

  it.each([
    { name: "rising", values: [0.8, 0.82, 0.84, 0.86, 0.88, 0.9], expected: 0.98 },
    { name: "flat", values: [0.9, 0.9, 0.9, 0.9, 0.9, 0.9], expected: 0.9 },
    { name: "falling", values: [0.98, 0.96, 0.94, 0.92, 0.9, 0.88], expected: 0.8 },
    { name: "rising past 100% (clamped)", values: [0.7, 0.8, 0.9, 1, 1, 1], expected: 1 },
    { name: "falling past 0% (clamped)", values: [0.5, 0.4, 0.3, 0.2, 0.1, 0.05], expected: 0 },
    { name: "weeks without data skipped", values: [null, 0.8, null, 0.84, 0.86, null], expected: 0.96 },
  ])("$name: $expected", ({ values, expected }) => {
    const projection = projectGoal(g, series(values));
    expect(projection?.value).toBeCloseTo(expected, 9);
  });

  it("has none from fewer than three weekly values", () => {
    expect(projectGoal(g, series([null, null, null, null, 0.8, 0.9]))).toBeNull();
    expect(projectGoal(g, series([0.9]))).toBeNull();
    expect(projectGoal(g, [])).toBeNull();
    expect(projectGoal(g, series([null, 0.7, null, 0.8, 0.9]))).not.toBeNull();
  });

  it("projects a TTFR percentile, not below zero", () => {
    const ttfr = goal({ metric: "ttfr_p90", threshold: HOUR, baseline: 3 * HOUR });
    const falling = series([4, 3.5, 3, 2.5].map((h) => h * HOUR));
    expect(projectGoal(ttfr, falling)?.value).toBeCloseTo(0.5 * HOUR, 3);
    const steep = series([4, 3, 2, 1].map((h) => h * HOUR));
    expect(projectGoal(ttfr, steep)?.value).toBe(0);
  });
});

describe("goal verdicts", () => {
  const deadline = Date.parse("2026-06-30T22:00:00Z");
  const rate = goal({ deadline, threshold: 0.95 });
  const ttfr = goal({ deadline, metric: "ttfr_p90", threshold: HOUR });

  it.each([
    {
      what: "a day before, projected above",
      g: rate,
      value: 0.9,
      projection: 0.96,
      now: deadline - DAY,
      verdict: "on_track",
      basis: "projection",
    },
    {
      what: "1 ms before, projected exactly at the goal",
      g: rate,
      value: 0.9,
      projection: 0.95,
      now: deadline - 1,
      verdict: "on_track",
      basis: "projection",
    },
    {
      what: "1 ms before, projected below although met now",
      g: rate,
      value: 0.97,
      projection: 0.94,
      now: deadline - 1,
      verdict: "at_risk",
      basis: "projection",
    },
    {
      what: "before, no projection, met now",
      g: rate,
      value: 0.96,
      projection: null,
      now: deadline - DAY,
      verdict: "on_track",
      basis: "current",
    },
    {
      what: "before, no projection, below now",
      g: rate,
      value: 0.9,
      projection: null,
      now: deadline - DAY,
      verdict: "at_risk",
      basis: "current",
    },
    {
      what: "before, no data at all",
      g: rate,
      value: null,
      projection: null,
      now: deadline - DAY,
      verdict: "at_risk",
      basis: "current",
    },
    {
      what: "at the deadline, reached",
      g: rate,
      value: 0.95,
      projection: 0.5,
      now: deadline,
      verdict: "met",
      basis: "deadline",
    },
    {
      what: "at the deadline, not reached",
      g: rate,
      value: 0.949,
      projection: 0.99,
      now: deadline,
      verdict: "missed",
      basis: "deadline",
    },
    {
      what: "a week after, reached",
      g: rate,
      value: 1,
      projection: null,
      now: deadline + WEEK_MS,
      verdict: "met",
      basis: "deadline",
    },
    {
      what: "after, without data",
      g: rate,
      value: null,
      projection: null,
      now: deadline + DAY,
      verdict: "missed",
      basis: "deadline",
    },
    {
      what: "TTFR before, projected under",
      g: ttfr,
      value: 2 * HOUR,
      projection: 0.9 * HOUR,
      now: deadline - DAY,
      verdict: "on_track",
      basis: "projection",
    },
    {
      what: "TTFR before, projected over",
      g: ttfr,
      value: 0.5 * HOUR,
      projection: 1.1 * HOUR,
      now: deadline - DAY,
      verdict: "at_risk",
      basis: "projection",
    },
    {
      what: "TTFR at the deadline, exactly the threshold",
      g: ttfr,
      value: HOUR,
      projection: null,
      now: deadline,
      verdict: "met",
      basis: "deadline",
    },
    {
      what: "TTFR after, 1 ms over",
      g: ttfr,
      value: HOUR + 1,
      projection: null,
      now: deadline + 1,
      verdict: "missed",
      basis: "deadline",
    },
  ])("$what: $verdict", ({ g, value, projection, now, verdict, basis }) => {
    expect(goalVerdict(g, value, projection, now)).toEqual({ verdict, basis });
  });
});

describe("progress from baseline to threshold", () => {
  it.each([
    { what: "half way", g: goal({ threshold: 0.9 }), value: 0.85, baseline: 0.8, expected: 0.5 },
    { what: "at the baseline", g: goal({ threshold: 0.9 }), value: 0.8, baseline: 0.8, expected: 0 },
    { what: "beyond the threshold", g: goal({ threshold: 0.9 }), value: 0.95, baseline: 0.8, expected: 1.5 },
    {
      what: "worse than the baseline",
      g: goal({ threshold: 0.9 }),
      value: 0.75,
      baseline: 0.8,
      expected: -0.5,
    },
    {
      what: "TTFR coming down",
      g: goal({ metric: "ttfr_p50", threshold: HOUR }),
      value: 2 * HOUR,
      baseline: 3 * HOUR,
      expected: 0.5,
    },
    {
      what: "baseline equal to the threshold, met",
      g: goal({ threshold: 0.9 }),
      value: 0.9,
      baseline: 0.9,
      expected: 1,
    },
    {
      what: "baseline equal to the threshold, not met",
      g: goal({ threshold: 0.9 }),
      value: 0.8,
      baseline: 0.9,
      expected: 0,
    },
    { what: "no value", g: goal(), value: null, baseline: 0.8, expected: null },
    { what: "no baseline", g: goal(), value: 0.9, baseline: null, expected: null },
  ])("$what: $expected", ({ g, value, baseline, expected }) => {
    const progress = goalProgress(g, value, baseline);
    if (expected === null) expect(progress).toBeNull();
    else expect(progress).toBeCloseTo(expected, 12);
  });
});

describe("goal windows", () => {
  it("end at now before the deadline and at the deadline after it", () => {
    const g = goal({ trendWeeks: 3, windowMs: 2 * WEEK_MS, baseline: null });
    const before = goalWindows(g, NOW);
    expect(before.end).toBe(NOW);
    expect(before.current).toEqual({ from: NOW - 2 * WEEK_MS, to: NOW });
    expect(before.weeks).toEqual([
      { from: NOW - 3 * WEEK_MS, to: NOW - 2 * WEEK_MS },
      { from: NOW - 2 * WEEK_MS, to: NOW - WEEK_MS },
      { from: NOW - WEEK_MS, to: NOW },
    ]);
    expect(before.baseline).toEqual({ from: g.start - 2 * WEEK_MS, to: g.start });
    const after = goalWindows(g, g.deadline + 5 * DAY);
    expect(after.end).toBe(g.deadline);
    expect(after.current).toEqual({ from: g.deadline - 2 * WEEK_MS, to: g.deadline });
  });

  it("read the ranges the goals need, overlaps merged", () => {
    const a = goal({ trendWeeks: 2, baseline: null, start: NOW - 20 * WEEK_MS });
    const b = goal({ trendWeeks: 4, baseline: 0.5 });
    expect(goalRanges([a, b], NOW)).toEqual([
      { from: NOW - 21 * WEEK_MS, to: NOW - 20 * WEEK_MS },
      { from: NOW - 4 * WEEK_MS, to: NOW },
    ]);
  });
});

describe("evaluating goals over conversations", () => {
  const T = 2 * HOUR;
  /** A conversation of `account` started `at`, answered after `ttfrMs` (null: unanswered). */
  function conversation(at: number, ttfrMs: number | null, account = "AcmeHelp"): GoalConversation {
    const answered = ttfrMs === null ? null : at + ttfrMs;
    return {
      account,
      source: "x",
      startedAt: at,
      dueAt: at + T,
      firstResponseAt: answered,
      lastAt: answered ?? at,
      lastDirection: answered === null ? "inbound" : "outbound",
      resolvedAt: null,
      touches: answered === null ? 0 : 1,
      ttfrBusinessMs: null,
      nextAnswered: 0,
      nextWithin: 0,
      nextPendingSince: null,
      nextDueAt: null,
      resolutionDueAt: null,
    };
  }
  /** Four weeks of 10 conversations each, 5, 6, 7 and 8 of them answered within the target (oldest first). */
  const rows: GoalConversation[] = [];
  for (let k = 0; k < 4; k++) {
    const weekEnd = NOW - (3 - k) * WEEK_MS;
    for (let i = 0; i < 10; i++) {
      rows.push(conversation(weekEnd - 2 * DAY - i * HOUR, i < 5 + k ? 30 * 60_000 : 3 * HOUR));
    }
  }
  // Out of scope for goals on the tag "us": ZedCare is tagged europe. All slow.
  rows.push(conversation(NOW - DAY, 5 * HOUR, "ZedCare"), conversation(NOW - 2 * DAY, null, "zedcare"));
  const tags = accountTags({ AcmeHelp: ["us"], ZedCare: ["europe"] });
  const params = { now: NOW, windowMs: 72 * HOUR };

  it("measures value, baseline, progress, trend and projection in one pass", () => {
    const us = goal({
      name: "us",
      scope: { tag: "us" },
      trendWeeks: 4,
      start: NOW - 3 * WEEK_MS,
      baseline: null,
      deadline: NOW + 2 * WEEK_MS,
    });
    const [result] = evaluateGoals([us], rows, params, tags);
    expect(result).toMatchObject({
      value: 0.8,
      conversations: 10,
      baseline: { value: 0.5, measured: true },
      verdict: "on_track",
      basis: "projection",
    });
    expect(result?.weeks.map((w) => w.value)).toEqual([0.5, 0.6, 0.7, 0.8]);
    expect(result?.progress).toBeCloseTo(0.3 / 0.45, 12);
    expect(result?.timeElapsed).toBeCloseTo(0.6, 12);
    // 0.8 + 0.1 per week for two more weeks.
    expect(result?.projection?.value).toBeCloseTo(1, 9);
    expect((result?.projection?.line.slope ?? 0) * WEEK_MS).toBeCloseTo(0.1, 12);
  });

  it("keeps conversations out of scope out, and counts an account's tag case-insensitively", () => {
    const europe = goal({ name: "eu", scope: { tag: "europe" }, metric: "response_rate", threshold: 0.9 });
    const all = goal({ name: "all", trendWeeks: 4 });
    const [eu, everyone] = evaluateGoals([europe, all], rows, params, tags);
    expect(eu).toMatchObject({ value: 0.5, conversations: 2, verdict: "at_risk", basis: "current" });
    expect(eu?.weeks.filter((w) => w.value !== null)).toHaveLength(1);
    expect(everyone).toMatchObject({ conversations: 12, value: 8 / 12 });
  });

  it("decides met or missed on the week that ends at the deadline", () => {
    // The deadline a week ago: its window is the third week (7 of 10 in time).
    const past = { deadline: NOW - WEEK_MS, start: NOW - 10 * WEEK_MS, trendWeeks: 4, scope: { tag: "us" } };
    const [met, missed] = evaluateGoals(
      [goal({ ...past, name: "met", threshold: 0.7 }), goal({ ...past, name: "missed", threshold: 0.75 })],
      rows,
      params,
      tags,
    );
    expect(met).toMatchObject({
      value: 0.7,
      verdict: "met",
      basis: "deadline",
      projection: null,
      timeElapsed: 1,
    });
    expect(missed).toMatchObject({ value: 0.7, verdict: "missed", basis: "deadline" });
    expect(met?.window).toEqual({ from: NOW - 2 * WEEK_MS, to: NOW - WEEK_MS });
  });
});
