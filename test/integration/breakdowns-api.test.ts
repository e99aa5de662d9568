import { afterEach, describe, expect, it } from "vitest";
import { writeConfig } from "../support/goals-config.js";
import { createTestService } from "../support/test-service.js";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;

const ask = (id: string, at: string, account: string) => ({
  id,
  direction: "inbound",
  author: `cust-${id}`,
  at,
  text: `@${account} help`,
});
const answer = (id: string, to: string, at: string, minutes: number, author: string, account: string) => ({
  id,
  direction: "outbound",
  author,
  account,
  in_reply_to: to,
  at: new Date(Date.parse(at) + minutes * MIN).toISOString(),
});

// Six conversations, all past their 2 h deadline at NOW (Monday 2 March, 12:00 UTC):
//   a1 AcmeHelp Sun 09:10 UTC, maya after 10 min      a2 AcmeHelp Sun 09:40, tom after 30 min
//   a3 AcmeHelp Sun 23:30 UTC (Mon 00:30 in Berlin), maya after 180 min (late)
//   z1 ZedCare  Sat 14:00, zoe after 60 min           z2 ZedCare  Sat 14:20, unanswered
//   b1 BoltDesk Sun 09:05 (no tag), BoltDesk itself after 5 min
const EVENTS = [
  ask("a1", "2026-03-01T09:10:00Z", "AcmeHelp"),
  answer("a1r", "a1", "2026-03-01T09:10:00Z", 10, "maya", "AcmeHelp"),
  ask("a2", "2026-03-01T09:40:00Z", "AcmeHelp"),
  answer("a2r", "a2", "2026-03-01T09:40:00Z", 30, "tom", "AcmeHelp"),
  ask("a3", "2026-03-01T23:30:00Z", "AcmeHelp"),
  answer("a3r", "a3", "2026-03-01T23:30:00Z", 180, "maya", "AcmeHelp"),
  ask("z1", "2026-02-28T14:00:00Z", "ZedCare"),
  answer("z1r", "z1", "2026-02-28T14:00:00Z", 60, "zoe", "ZedCare"),
  ask("z2", "2026-02-28T14:20:00Z", "ZedCare"),
  ask("b1", "2026-03-01T09:05:00Z", "BoltDesk"),
  answer("b1r", "b1", "2026-03-01T09:05:00Z", 5, "BoltDesk", "BoltDesk"),
];

// ZedCare is written in lower case: account tags match accounts case-insensitively.
const CONFIG = "account_tags:\n  AcmeHelp: [us]\n  zedcare: [europe, premium]\n";

let service: ReturnType<typeof createTestService>;
afterEach(async () => {
  await service?.close();
});

async function seeded(env: Record<string, string> = {}) {
  service = createTestService(
    { SLA_CONFIG: writeConfig(CONFIG), SLA_ACCOUNTS: "AcmeHelp,ZedCare,BoltDesk", ...env },
    NOW,
  );
  expect((await service.post(EVENTS)).status).toBe(200);
  return service;
}

type Group = Record<string, unknown> & { key: string };
const groups = async (query: string) => {
  const { status, body } = await service.getJson(`/v1/metrics?${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as { groups: Group[]; total: Record<string, unknown>; time_zone: string; group_by: string };
};
/** The figures a test checks, for each group in order. */
const figures = (list: Group[]) =>
  list.map((g) => [
    g.key,
    g.conversations,
    g.responded,
    g.due,
    g.within_target,
    g.ttfr_p50_ms,
    g.ttfr_p90_ms,
    g.ttfr_p95_ms,
  ]);

describe("GET /v1/metrics breakdowns", () => {
  it("by agent: the author of the first response, unanswered ones apart", async () => {
    await seeded();
    const body = await groups("group_by=agent");
    // [key, conversations, responded, due, within, p50, p90, p95] (minutes), by nearest rank.
    expect(figures(body.groups)).toEqual([
      ["BoltDesk", 1, 1, 1, 1, 5 * MIN, 5 * MIN, 5 * MIN],
      ["maya", 2, 2, 2, 1, 10 * MIN, 180 * MIN, 180 * MIN],
      ["tom", 1, 1, 1, 1, 30 * MIN, 30 * MIN, 30 * MIN],
      ["unanswered", 1, 0, 1, 0, null, null, null],
      ["zoe", 1, 1, 1, 1, 60 * MIN, 60 * MIN, 60 * MIN],
    ]);
    expect(body.groups[1]).toMatchObject({ response_rate: 1, attainment: 0.5 });
    expect(body.groups[3]).toMatchObject({ response_rate: 0, attainment: 0 });
    // TTFRs 5, 10, 30, 60, 180: p50 is value ⌈2.5⌉ = 3, p90 value ⌈4.5⌉ = 5.
    expect(body.total).toMatchObject({
      conversations: 6,
      responded: 5,
      due: 6,
      within_target: 4,
      ttfr_p50_ms: 30 * MIN,
      ttfr_p90_ms: 180 * MIN,
    });
  });

  it("by account tag: an account with two tags counts in both, untagged ones apart, the total once", async () => {
    await seeded();
    const body = await groups("group_by=tag");
    expect(figures(body.groups)).toEqual([
      ["europe", 2, 1, 2, 1, 60 * MIN, 60 * MIN, 60 * MIN],
      ["premium", 2, 1, 2, 1, 60 * MIN, 60 * MIN, 60 * MIN],
      ["untagged", 1, 1, 1, 1, 5 * MIN, 5 * MIN, 5 * MIN],
      ["us", 3, 3, 3, 2, 30 * MIN, 180 * MIN, 180 * MIN],
    ]);
    expect(body.groups[0]).toMatchObject({ response_rate: 0.5, attainment: 0.5 });
    expect(body.groups[3]?.attainment).toBeCloseTo(2 / 3, 12);
    expect(body.total).toMatchObject({ conversations: 6 });
  });

  it("by hour and weekday of the start, in UTC by default", async () => {
    await seeded();
    const hours = await groups("group_by=hour");
    expect(hours.time_zone).toBe("UTC");
    expect(figures(hours.groups)).toEqual([
      ["09", 3, 3, 3, 3, 10 * MIN, 30 * MIN, 30 * MIN],
      ["14", 2, 1, 2, 1, 60 * MIN, 60 * MIN, 60 * MIN],
      ["23", 1, 1, 1, 0, 180 * MIN, 180 * MIN, 180 * MIN],
    ]);
    const days = await groups("group_by=weekday");
    expect(figures(days.groups)).toEqual([
      ["sat", 2, 1, 2, 1, 60 * MIN, 60 * MIN, 60 * MIN],
      ["sun", 4, 4, 4, 3, 10 * MIN, 180 * MIN, 180 * MIN],
    ]);
  });

  it("by hour and weekday in the zone asked for, Monday first", async () => {
    await seeded();
    const hours = await groups("group_by=hour&tz=Europe/Berlin");
    expect(hours.time_zone).toBe("Europe/Berlin");
    expect(hours.groups.map((g) => [g.key, g.conversations])).toEqual([
      ["00", 1],
      ["10", 3],
      ["15", 2],
    ]);
    const days = await groups("group_by=weekday&tz=Europe/Berlin");
    expect(figures(days.groups)).toEqual([
      ["mon", 1, 1, 1, 0, 180 * MIN, 180 * MIN, 180 * MIN],
      ["sat", 2, 1, 2, 1, 60 * MIN, 60 * MIN, 60 * MIN],
      ["sun", 3, 3, 3, 3, 10 * MIN, 30 * MIN, 30 * MIN],
    ]);
  });

  it("takes the zone of SLA_SUMMARY_TZ when none is asked for", async () => {
    await seeded({ SLA_SUMMARY_TZ: "Europe/Berlin" });
    const days = await groups("group_by=weekday");
    expect(days.time_zone).toBe("Europe/Berlin");
    expect(days.groups.map((g) => g.key)).toEqual(["mon", "sat", "sun"]);
  });

  it("combines with the filters, and refuses an unknown zone naming tz", async () => {
    await seeded();
    const acme = await groups("group_by=agent&account=AcmeHelp");
    expect(acme.groups.map((g) => [g.key, g.conversations])).toEqual([
      ["maya", 2],
      ["tom", 1],
    ]);
    const bad = await service.getJson("/v1/metrics?group_by=hour&tz=Mars/Olympus");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^tz: expected an IANA time zone/);
  });
});
