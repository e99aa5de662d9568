import { describe, expect, it } from "vitest";
import { type AlertLevel, decideAlerts } from "../../src/domain/alerts.js";
import type { Calendar } from "../../src/domain/calendar.js";
import { type Conversation, deriveConversations, type ThreadItem } from "../../src/domain/conversations.js";
import { matchingRules } from "../../src/domain/matching-rules.js";
import { defaultPolicy, matchPolicy, type PolicySet, type SlaPolicy } from "../../src/domain/policy.js";
import { resolutionOutcome, runningClocks } from "../../src/domain/target-status.js";
import { action, HOUR, inbound, MIN, outbound, T0 } from "../support/events.js";

const W = 72 * HOUR;
// T0 is Monday 2026-03-02 09:00 UTC = 10:00 in Berlin (UTC+1 in March before the change).
const berlin9to5: Calendar = {
  name: "berlin-9-to-5",
  zone: "Europe/Berlin",
  weekly: [[[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [], []],
  holidays: new Map([["2026-03-03", "Test Day"]]),
  overrides: new Map(),
};

function policy(overrides: Partial<SlaPolicy> = {}, targets: Partial<SlaPolicy["targets"]> = {}): SlaPolicy {
  const base = defaultPolicy(2 * HOUR, 0.75);
  return { ...base, version: 1, ...overrides, targets: { ...base.targets, ...targets } };
}

function derive(items: ThreadItem[], p: SlaPolicy): Conversation {
  const [conversation] = deriveConversations(items, matchingRules({ id: 1, windowMs: W, policies: [p] }));
  if (!conversation) throw new Error("no conversation");
  return conversation;
}

describe("matching a policy", () => {
  const set: PolicySet = {
    id: 1,
    windowMs: W,
    policies: [
      policy({ name: "vip-email", match: { sources: ["email"], tags: ["vip"] } }),
      policy({ name: "acme", match: { accounts: ["acmehelp"] } }),
      policy({ name: "urgent", match: { priorities: ["urgent", "high"] } }),
      policy({ name: "default" }),
    ],
  };
  const facts = { account: "ZedCare", source: "x", tags: [] as string[], priority: null };
  it.each([
    { name: "every criterion must hold", facts: { ...facts, source: "email" }, expected: "default" },
    {
      name: "source and a tag",
      facts: { ...facts, source: "email", tags: ["a", "vip"] },
      expected: "vip-email",
    },
    { name: "accounts case-insensitively", facts: { ...facts, account: "AcmeHelp" }, expected: "acme" },
    {
      name: "the first match wins",
      facts: { ...facts, account: "AcmeHelp", priority: "high" },
      expected: "acme",
    },
    { name: "priority", facts: { ...facts, priority: "urgent" }, expected: "urgent" },
    { name: "the catch-all last", facts, expected: "default" },
  ])("$name", ({ facts, expected }) => {
    expect(matchPolicy(set, facts).name).toBe(expected);
  });

  it("matches on the tags and last priority of any of the conversation's messages", () => {
    const rules = matchingRules(set);
    const [conversation] = deriveConversations(
      [
        inbound("1", 0, { source: "email" }),
        inbound("2", 5, { source: "email", tags: ["vip"], priority: "low" }),
        inbound("3", 6, { source: "email", priority: "high" }),
      ],
      rules,
    );
    expect(conversation).toMatchObject({
      policy: "vip-email",
      policyVersion: 1,
      tags: ["vip"],
      priority: "high",
    });
  });
});

describe("clocks on a business-hours calendar", () => {
  const p = policy({ calendar: berlin9to5 }, { first_response: { targetMs: 2 * HOUR, warningShare: 0.5 } });

  it("counts only open time: a deadline across the closing time, a weekend-like holiday, and business TTFR", () => {
    // Monday 16:00 Berlin: one hour left today, the holiday Tuesday closed, so due Wednesday 10:00 Berlin.
    const c = derive([inbound("1", 6 * 60), outbound("2", 46 * 60 + 30, { inReplyTo: "1" })], p);
    expect(c.dueAt).toBe(Date.parse("2026-03-04T09:00:00Z"));
    expect(c.warnAt).toBe(T0 + 7 * HOUR);
    expect(c.firstResponseAt).toBe(Date.parse("2026-03-04T07:30:00Z"));
    // 16:00-17:00 on Monday; the reply at 08:30 Berlin on Wednesday came before the opening.
    expect(c.ttfrBusinessMs).toBe(HOUR);
    expect(c.firstResponseAt).toBeLessThan(c.dueAt);
  });

  it("starts the clock of a message that arrives while closed at the next opening", () => {
    // Saturday 2026-03-07 12:00 UTC; the clock starts Monday 09:00 Berlin (08:00 UTC).
    const saturday = (5 * 24 + 3) * 60;
    const c = derive([inbound("1", saturday)], p);
    expect(c.dueAt).toBe(Date.parse("2026-03-09T10:00:00Z"));
  });
});

describe("next response", () => {
  const p = policy({}, { next_response: { targetMs: HOUR, warningShare: 0.5 } });

  it("times each customer follow-up after a response to the next response", () => {
    const c = derive(
      [
        inbound("1", 0),
        outbound("2", 10, { inReplyTo: "1" }),
        inbound("3", 20, { inReplyTo: "2" }),
        inbound("4", 25, { inReplyTo: "2" }),
        outbound("5", 50, { inReplyTo: "4" }),
        inbound("6", 60, { inReplyTo: "5" }),
        outbound("7", 200, { inReplyTo: "6" }),
        inbound("8", 210, { inReplyTo: "7" }),
      ],
      p,
    );
    // 20 -> 50 within the hour; 60 -> 200 late; 210 still waiting.
    expect(c).toMatchObject({ nextAnswered: 2, nextWithin: 1, nextPendingSince: T0 + 210 * MIN });
    expect(c.nextDueAt).toBe(T0 + 270 * MIN);
    expect(c.alertFrom).toBe(T0 + 240 * MIN);
    expect(c.alertUntil).toBe(T0 + 270 * MIN);
  });

  it("a resolve stops a follow-up's clock; without a next-response target nothing is timed", () => {
    const items = [
      inbound("1", 0),
      outbound("2", 10, { inReplyTo: "1" }),
      inbound("3", 20, { inReplyTo: "2" }),
      action("resolve", "r", 30, { inReplyTo: "3" }),
    ];
    expect(derive(items, p)).toMatchObject({ nextAnswered: 0, nextPendingSince: null, nextDueAt: null });
    expect(derive(items.slice(0, 3), policy())).toMatchObject({ nextAnswered: 0, nextPendingSince: null });
  });

  it("raises warning, breach and escalation for an unanswered follow-up under its own key", () => {
    const c = derive([inbound("1", 0), outbound("2", 10, { inReplyTo: "1" }), inbound("3", 20)], p);
    const now = T0 + 81 * MIN;
    const clocks = runningClocks(c, p, now, W);
    expect(clocks.map((clock) => [clock.key, clock.warnAt, clock.due])).toEqual([
      ["next_response@2026-03-02T09:20:00.000Z", T0 + 50 * MIN, T0 + 80 * MIN],
    ]);
    const none = { raised: new Set<AlertLevel>(), acknowledgedAt: null };
    const policyForAlerts = { escalationDelayMs: HOUR, maxAgeMs: 24 * HOUR };
    expect(
      decideAlerts(clocks[0] as (typeof clocks)[0], none, now, policyForAlerts).map((d) => d.level),
    ).toEqual(["breach"]);
  });
});

describe("resolution", () => {
  const p = policy({}, { resolution: { targetMs: 4 * HOUR, warningShare: 0.75 } });
  const now = T0 + 10 * HOUR;

  it.each([
    {
      name: "met by an explicit resolve in time",
      items: [
        inbound("1", 0),
        outbound("2", 30, { inReplyTo: "1" }),
        action("resolve", "r", 200, { inReplyTo: "1" }),
      ],
      at: now,
      expected: "met",
    },
    {
      name: "missed by a resolve after the deadline",
      items: [
        inbound("1", 0),
        outbound("2", 30, { inReplyTo: "1" }),
        action("resolve", "r", 300, { inReplyTo: "1" }),
      ],
      at: now,
      expected: "missed",
    },
    {
      name: "pending while the brand's last answer came in time and the customer is silent",
      items: [inbound("1", 0), outbound("2", 100, { inReplyTo: "1" })],
      at: now,
      expected: "pending",
    },
    {
      name: "met once that silence outlasts the window (resolved at the last answer)",
      items: [inbound("1", 0), outbound("2", 100, { inReplyTo: "1" })],
      at: T0 + 100 * MIN + W + 1,
      expected: "met",
    },
    {
      name: "missed while the customer waits past the deadline",
      items: [inbound("1", 0), outbound("2", 100, { inReplyTo: "1" }), inbound("3", 120, { inReplyTo: "2" })],
      at: now,
      expected: "missed",
    },
  ])("$name", ({ items, at, expected }) => {
    expect(resolutionOutcome(derive(items, p), at, W)).toBe(expected);
  });

  it("runs a resolution clock only while the brand owes an answer", () => {
    const waiting = derive([inbound("1", 0), outbound("2", 30, { inReplyTo: "1" }), inbound("3", 60)], p);
    expect(runningClocks(waiting, p, T0 + 61 * MIN, W).map((c) => c.key)).toEqual(["resolution"]);
    const answered = derive([inbound("1", 0), outbound("2", 30, { inReplyTo: "1" })], p);
    expect(runningClocks(answered, p, T0 + 31 * MIN, W)).toEqual([]);
    expect(answered.alertFrom).toBeNull();
  });
});

describe("what counts as a response", () => {
  const items = [
    inbound("1", 0),
    outbound("2", 1, { inReplyTo: "1", automated: true }),
    outbound("3", 20, { inReplyTo: "1", private: true }),
    outbound("4", 40, { inReplyTo: "1" }),
  ];

  it("human replies, private ones included, by default; automated ones when the policy says so", () => {
    expect(derive(items, policy()).firstResponseAt).toBe(T0 + 20 * MIN);
    const automated = policy({ responses: { automated: true, privateReplies: true } });
    expect(derive(items, automated).firstResponseAt).toBe(T0 + MIN);
    const publicOnly = policy({ responses: { automated: false, privateReplies: false } });
    expect(derive(items, publicOnly)).toMatchObject({ firstResponseAt: T0 + 40 * MIN, touches: 1 });
  });
});
