import { describe, expect, it } from "vitest";
import { isAtRisk, isBreaching, isResolved, resolvesAt } from "../../src/domain/conversation-state.js";
import { type MeasuredConversation, measure, measureGroups, nearestRank } from "../../src/domain/metrics.js";
import { HOUR, MIN, T0 } from "../support/events.js";

const T = 2 * HOUR;
const W = 72 * HOUR;

function conversation(overrides: Partial<MeasuredConversation> = {}): MeasuredConversation {
  return {
    startedAt: T0,
    dueAt: T0 + T,
    firstResponseAt: null,
    lastAt: T0,
    lastDirection: "inbound",
    resolvedAt: null,
    touches: 0,
    ttfrBusinessMs: null,
    nextAnswered: 0,
    nextWithin: 0,
    nextPendingSince: null,
    nextDueAt: null,
    resolutionDueAt: null,
    ...overrides,
  };
}

function answered(minutes: number, overrides: Partial<MeasuredConversation> = {}): MeasuredConversation {
  const at = T0 + minutes * MIN;
  return conversation({
    firstResponseAt: at,
    lastAt: at,
    lastDirection: "outbound",
    touches: 1,
    ...overrides,
  });
}

describe("nearestRank", () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    { values: ten, p: 50, expected: 5 },
    { values: ten, p: 90, expected: 9 },
    { values: ten, p: 95, expected: 10 },
    { values: ten, p: 100, expected: 10 },
    { values: ten, p: 0, expected: 1 },
    { values: [7], p: 50, expected: 7 },
    { values: [1, 2], p: 50, expected: 1 },
    { values: [1, 2, 3], p: 50, expected: 2 },
    { values: [], p: 50, expected: null },
  ])("p$p of $values is $expected", ({ values, p, expected }) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});

describe("conversation state at now", () => {
  it.each([
    { name: "unanswered, before due", c: conversation(), now: T0 + T, breaching: false, resolved: false },
    {
      name: "unanswered, 1 ms after due",
      c: conversation(),
      now: T0 + T + 1,
      breaching: true,
      resolved: false,
    },
    { name: "answered late", c: answered(200), now: T0 + 5 * HOUR, breaching: false, resolved: false },
    {
      name: "answered, exactly W since",
      c: answered(10),
      now: T0 + 10 * MIN + W,
      breaching: false,
      resolved: false,
    },
    {
      name: "answered, W + 1 ms since",
      c: answered(10),
      now: T0 + 10 * MIN + W + 1,
      breaching: false,
      resolved: true,
    },
    {
      name: "explicitly resolved without answer",
      c: conversation({ resolvedAt: T0 + MIN }),
      now: T0 + 3 * HOUR,
      breaching: false,
      resolved: true,
    },
    {
      name: "resolve in the future of now does not count",
      c: conversation({ resolvedAt: T0 + 4 * HOUR }),
      now: T0 + 3 * HOUR,
      breaching: true,
      resolved: false,
    },
    {
      name: "last message inbound never resolves by time",
      c: conversation(),
      now: T0 + 10 * W,
      breaching: true,
      resolved: false,
    },
  ])("$name", ({ c, now, breaching, resolved }) => {
    expect(isBreaching(c, now, W)).toBe(breaching);
    expect(isResolved(c, now, W)).toBe(resolved);
  });

  it("is at risk from the warning share of the target until due", () => {
    const c = conversation();
    expect(isAtRisk(c, T0 + 89 * MIN, W, 0.75)).toBe(false);
    expect(isAtRisk(c, T0 + 90 * MIN, W, 0.75)).toBe(true);
    expect(isAtRisk(c, T0 + T, W, 0.75)).toBe(true);
    expect(isAtRisk(c, T0 + T + 1, W, 0.75)).toBe(false);
  });

  it("resolves at the earlier of an explicit resolve and inactivity", () => {
    expect(resolvesAt(answered(10, { resolvedAt: T0 + HOUR }), W)).toBe(T0 + HOUR);
    expect(resolvesAt(answered(10), W)).toBe(T0 + 10 * MIN + W + 1);
    expect(resolvesAt(conversation(), W)).toBeNull();
  });
});

describe("measure", () => {
  const now = T0 + 100 * HOUR;
  const params = { now, targetMs: T, windowMs: W };

  it("counts each part of the metric set", () => {
    const metrics = measure(
      [
        answered(30),
        answered(119),
        answered(121),
        answered(60, { touches: 2 }),
        conversation(),
        conversation({ startedAt: now - HOUR, dueAt: now + HOUR }),
        conversation({ resolvedAt: T0 + 5 * MIN }),
      ],
      params,
    );
    expect(metrics).toEqual({
      conversations: 7,
      responded: 4,
      due: 6,
      withinTarget: 3,
      resolved: 5,
      fcrResolved: 3,
      responseRate: 4 / 6,
      attainment: 3 / 6,
      fcrRate: 3 / 5,
      ttfrP50Ms: 60 * MIN,
      ttfrP90Ms: 121 * MIN,
      ttfrP95Ms: 121 * MIN,
      // Without a calendar the business time is the calendar time.
      ttfrBusinessP50Ms: 60 * MIN,
      ttfrBusinessP90Ms: 121 * MIN,
      ttfrBusinessP95Ms: 121 * MIN,
      nextResponse: { due: 0, within: 0, attainment: null },
      resolution: { due: 0, within: 0, attainment: null },
    });
  });

  it("a response exactly at the target is within target", () => {
    expect(measure([answered(120)], params).withinTarget).toBe(1);
  });

  it("gives null rates and percentiles for an empty set", () => {
    expect(measure([], params)).toMatchObject({
      conversations: 0,
      responseRate: null,
      attainment: null,
      fcrRate: null,
      ttfrP50Ms: null,
    });
  });

  it("a conversation not yet due is not in the response-rate denominator", () => {
    const fresh = conversation({ startedAt: now - MIN, dueAt: now - MIN + T });
    expect(measure([fresh], params)).toMatchObject({ due: 0, responseRate: null });
  });

  it("groups by key, sorted, with a total", () => {
    const rows = [
      { ...answered(10), account: "b" },
      { ...conversation(), account: "a" },
      { ...answered(300), account: "b" },
    ];
    const { groups, total } = measureGroups(rows, (row) => row.account, params);
    expect(groups.map((group) => group.key)).toEqual(["a", "b"]);
    expect(groups[1]?.metrics).toMatchObject({ conversations: 2, responded: 2, withinTarget: 1 });
    expect(total).toMatchObject({ conversations: 3, due: 3, responded: 2 });
  });
});
