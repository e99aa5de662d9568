import { describe, expect, it } from "vitest";
import { calendarSchema } from "../../src/config/calendar-schema.js";
import { ALWAYS_OPEN } from "../../src/domain/calendar.js";
import { deriveConversations, type ThreadItem } from "../../src/domain/conversations.js";
import { matchingRules } from "../../src/domain/matching-rules.js";
import { defaultPolicy, type PolicySet, singlePolicySet } from "../../src/domain/policy.js";
import { overridePolicies, overrideProblem, type ReportOverride } from "../../src/services/report.js";
import { HOUR, inbound, MIN, outbound } from "../support/events.js";

// T0 is Monday 2026-03-02 09:00 UTC; these are minutes after it.
const FRIDAY_1630 = (4 * 24 + 7.5) * 60;
const SATURDAY_1000 = (5 * 24 + 1) * 60;
const at = (iso: string) => Date.parse(iso);

const office = calendarSchema("office").parse({
  zone: "UTC",
  hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((day) => [day, ["09:00-17:00"]])),
});

const cases: Array<{ name: string; items: ThreadItem[]; override: ReportOverride; due: number[] }> = [
  {
    name: "the stored parameters: 24/7, 2 hours",
    items: [inbound("1", FRIDAY_1630)],
    override: {},
    due: [at("2026-03-06T18:30:00Z")],
  },
  {
    name: "a calendar: half an hour on Friday, the rest from Monday's opening",
    items: [inbound("1", FRIDAY_1630)],
    override: { calendar: office },
    due: [at("2026-03-09T10:30:00Z")],
  },
  {
    name: "a calendar: a message on a Saturday starts its clock at Monday's opening",
    items: [inbound("1", SATURDAY_1000)],
    override: { calendar: office },
    due: [at("2026-03-09T11:00:00Z")],
  },
  {
    name: "a calendar and a target together",
    items: [inbound("1", FRIDAY_1630 + 15)],
    override: { calendar: office, targetMs: 30 * MIN },
    due: [at("2026-03-09T09:15:00Z")],
  },
  {
    name: "a target alone keeps the clock running 24/7",
    items: [inbound("1", SATURDAY_1000)],
    override: { targetMs: HOUR },
    due: [at("2026-03-07T11:00:00Z")],
  },
  {
    name: "a shorter window splits a thread the stored window keeps whole",
    items: [inbound("1", 0), outbound("2", 10), inbound("3", 30 * 60)],
    override: { windowMs: 24 * HOUR },
    due: [at("2026-03-02T11:00:00Z"), at("2026-03-03T17:00:00Z")],
  },
];

describe("overridePolicies", () => {
  it.each(cases)("$name", ({ items, override, due }) => {
    const set = overridePolicies(singlePolicySet(), override);
    const conversations = deriveConversations(items, matchingRules(set));
    expect(conversations.map((c) => c.dueAt)).toEqual(due);
  });

  it("returns the set itself when nothing is overridden, so the stored conversations are measured", () => {
    const set = singlePolicySet();
    expect(overridePolicies(set, {})).toBe(set);
  });

  it("replaces the calendar and first-response target of every policy and keeps the rest", () => {
    const vip = {
      ...defaultPolicy(30 * MIN),
      name: "vip",
      match: { tags: ["vip"] },
      calendar: { ...ALWAYS_OPEN, name: "vip-hours" },
      targets: {
        first_response: { targetMs: 30 * MIN, warningShare: 0.5 },
        next_response: { targetMs: HOUR, warningShare: 0.75 },
        resolution: null,
      },
    };
    const set: PolicySet = { id: 3, windowMs: 72 * HOUR, policies: [vip, defaultPolicy()] };
    const changed = overridePolicies(set, { calendar: office, targetMs: HOUR });
    expect(changed.policies.map((p) => [p.name, p.calendar.name, p.targets.first_response])).toEqual([
      ["vip", "office", { targetMs: HOUR, warningShare: 0.5 }],
      ["default", "office", { targetMs: HOUR, warningShare: 0.75 }],
    ]);
    expect(changed.policies[0]?.targets.next_response).toEqual(vip.targets.next_response);
    expect(changed.policies[0]?.match).toEqual({ tags: ["vip"] });
    expect(changed.windowMs).toBe(72 * HOUR);
    expect(set.policies[0]?.calendar.name).toBe("vip-hours");
  });
});

describe("overrideProblem", () => {
  const set = singlePolicySet();
  const withResolution: PolicySet = {
    ...set,
    policies: [
      {
        ...defaultPolicy(),
        targets: { ...defaultPolicy().targets, resolution: { targetMs: 20 * 24 * HOUR, warningShare: 0.75 } },
      },
    ],
  };
  const oneHourAWeek = calendarSchema("thin").parse({ zone: "UTC", hours: { wed: ["10:00-11:00"] } });

  it.each([
    ["nothing", set, {}, null],
    ["a target of 30 days", set, { targetMs: 30 * 24 * HOUR }, null],
    ["a longer target", set, { targetMs: 30 * 24 * HOUR + 1 }, "target: at most 30d"],
    ["a window of a year", set, { windowMs: 365 * 24 * HOUR }, null],
    ["a longer window", set, { windowMs: 366 * 24 * HOUR }, "window: at most 365d"],
    ["office hours and the default target", set, { calendar: office }, null],
    ["an hour a week and a 52-hour target", set, { calendar: oneHourAWeek, targetMs: 52 * HOUR }, null],
    [
      "an hour a week and a longer target",
      set,
      { calendar: oneHourAWeek, targetMs: 53 * HOUR },
      "calendar: open 1h a week, too little to reach a 2d 5h target within 52 weeks",
    ],
    [
      "a configured resolution target counts too",
      withResolution,
      { calendar: oneHourAWeek },
      "calendar: open 1h a week, too little to reach a 20d target within 52 weeks",
    ],
  ] as Array<[string, PolicySet, ReportOverride, string | null]>)("%s", (_, policies, override, problem) => {
    expect(overrideProblem(policies, override)).toBe(problem);
  });
});
