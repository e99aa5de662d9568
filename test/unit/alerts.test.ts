import { describe, expect, it } from "vitest";
import { type AlertLevel, type AlertPolicy, type AlertState, decideAlerts } from "../../src/domain/alerts.js";
import { defaultPolicy } from "../../src/domain/policy.js";
import { runningClocks, type TargetFacts } from "../../src/domain/target-status.js";
import { HOUR, MIN, T0 } from "../support/events.js";

const policy: AlertPolicy = { escalationDelayMs: HOUR, maxAgeMs: 24 * HOUR };
const sla = defaultPolicy(2 * HOUR, 0.75);
const W = 72 * HOUR;
const open: TargetFacts = {
  startedAt: T0,
  dueAt: T0 + 2 * HOUR,
  firstResponseAt: null,
  lastAt: T0,
  lastDirection: "inbound",
  resolvedAt: null,
  nextAnswered: 0,
  nextWithin: 0,
  nextPendingSince: null,
  nextDueAt: null,
  resolutionDueAt: null,
};
const none: AlertState = { raised: new Set<AlertLevel>(), acknowledgedAt: null };
const raised = (...levels: AlertLevel[]): AlertState => ({ raised: new Set(levels), acknowledgedAt: null });
const decide = (c: TargetFacts, state: AlertState, now: number) =>
  runningClocks(c, sla, now, W).flatMap((clock) => decideAlerts(clock, state, now, policy));
const levels = (c: TargetFacts, state: AlertState, minutes: number) =>
  decide(c, state, T0 + minutes * MIN).map((d) => d.level);

describe("decideAlerts", () => {
  it.each([
    { name: "nothing before the warning point", state: none, at: 89, expected: [] },
    { name: "a warning at 75% of the target", state: none, at: 90, expected: ["warning"] },
    { name: "no second warning", state: raised("warning"), at: 100, expected: [] },
    { name: "no breach exactly at due", state: raised("warning"), at: 120, expected: [] },
    { name: "a breach just after due", state: raised("warning"), at: 121, expected: ["breach"] },
    { name: "a late first look skips the warning", state: none, at: 130, expected: ["breach"] },
    {
      name: "an escalation a further hour after due",
      state: raised("warning", "breach"),
      at: 180,
      expected: ["escalation"],
    },
    {
      name: "breach and escalation at once when both passed",
      state: none,
      at: 200,
      expected: ["breach", "escalation"],
    },
    {
      name: "nothing more once everything was raised",
      state: raised("warning", "breach", "escalation"),
      at: 600,
      expected: [],
    },
  ])("$name", ({ state, at, expected }) => {
    expect(levels(open, state, at)).toEqual(expected);
  });

  it("an acknowledged breach does not escalate", () => {
    const acknowledged = {
      raised: new Set<AlertLevel>(["warning", "breach"]),
      acknowledgedAt: T0 + 150 * MIN,
    };
    expect(levels(open, acknowledged, 200)).toEqual([]);
  });

  it("answered, or resolved, conversations raise nothing", () => {
    const answered = {
      ...open,
      firstResponseAt: T0 + 100 * MIN,
      lastAt: T0 + 100 * MIN,
      lastDirection: "outbound" as const,
    };
    expect(levels(answered, none, 130)).toEqual([]);
    const resolved = { ...open, resolvedAt: T0 + 10 * MIN };
    expect(levels(resolved, none, 130)).toEqual([]);
  });

  it("alert points older than the horizon are not raised (history just imported)", () => {
    expect(levels(open, none, 60 * 30)).toEqual([]);
    expect(levels(open, none, 120 + 24 * 60)).toEqual(["breach", "escalation"]);
  });

  it("names the reason and the moment of each alert", () => {
    const [decision] = decide(open, none, T0 + 95 * MIN);
    expect(decision).toEqual({ level: "warning", at: T0 + 90 * MIN, reason: "share of the target elapsed" });
  });
});
