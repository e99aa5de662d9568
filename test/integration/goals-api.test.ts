import { afterEach, describe, expect, it } from "vitest";
import { writeConfig } from "../support/goals-config.js";
import { createTestService } from "../support/test-service.js";

// Monday 2 March 2026, 12:00 UTC.
const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * AcmeHelp: four weeks of 10 conversations each, started two days into each trailing week, of which 5, 6,
 * 7 and 8 (oldest week first) are answered in 30 minutes and the rest in 3 hours (target 2 h).
 * ZedCare: two conversations yesterday, answered in 30 and 90 minutes.
 */
function events(): unknown[] {
  const list: unknown[] = [];
  const conversation = (id: string, start: number, ttfr: number, account: string) => {
    list.push({ id, direction: "inbound", author: `cust-${id}`, at: iso(start), text: `@${account} hi` });
    list.push({
      id: `${id}r`,
      direction: "outbound",
      author: account,
      in_reply_to: id,
      at: iso(start + ttfr),
    });
  };
  for (let k = 0; k < 4; k++) {
    for (let i = 0; i < 10; i++) {
      conversation(
        `w${k}-${i}`,
        NOW - k * WEEK - 2 * DAY - i * HOUR,
        i < 8 - k ? 30 * MIN : 3 * HOUR,
        "AcmeHelp",
      );
    }
  }
  conversation("z1", NOW - DAY, 30 * MIN, "ZedCare");
  conversation("z2", NOW - DAY - HOUR, 90 * MIN, "ZedCare");
  return list;
}

const CONFIG = `account_tags:
  AcmeHelp: [us]
  ZedCare: [europe]
goals:
  - name: us-attainment
    metric: attainment
    threshold: 0.95
    scope: { tag: us }
    start: 2026-02-16
    deadline: 2026-03-15
    trend_weeks: 4
  - name: europe-p90
    metric: ttfr_p90
    threshold: 1h
    baseline: 2h
    scope: { tag: europe }
    start: 2026-02-01
    deadline: 2026-06-30
  - name: acme-response-rate
    metric: response_rate
    threshold: 0.9
    baseline: 0.5
    scope: { account: AcmeHelp }
    start: 2026-02-01
    deadline: 2026-02-22
`;

let service: ReturnType<typeof createTestService>;
afterEach(async () => {
  await service?.close();
});

async function seeded(config = CONFIG) {
  service = createTestService({ SLA_CONFIG: writeConfig(config), SLA_ACCOUNTS: "AcmeHelp,ZedCare" }, NOW);
  expect((await service.post(events())).status).toBe(200);
  return service;
}

type GoalBody = Record<string, unknown> & { name: string };

describe("GET /v1/goals", () => {
  it("gives each goal's value, baseline, progress, weekly trend, projection and verdict", async () => {
    await seeded();
    const { status, body } = await service.getJson("/v1/goals");
    expect(status).toBe(200);
    expect(body).toMatchObject({ now: iso(NOW), time_zone: "UTC" });
    const [us, europe, acme] = body.goals as GoalBody[];
    expect(us).toMatchObject({
      name: "us-attainment",
      metric: "attainment",
      target: "first_response",
      direction: "at_least",
      unit: "fraction",
      threshold: 0.95,
      scope: { account: null, source: null, tag: "us" },
      start: "2026-02-16T00:00:00.000Z",
      deadline: "2026-03-16T00:00:00.000Z",
      window_ms: WEEK,
      current: { value: 0.8, conversations: 10, from: iso(NOW - WEEK), to: iso(NOW) },
      // Measured over the week before the start: the week of 6 in 10.
      baseline: {
        value: 0.6,
        measured: true,
        from: "2026-02-09T00:00:00.000Z",
        to: "2026-02-16T00:00:00.000Z",
      },
      verdict: "on_track",
      basis: "projection",
    });
    const trend = us?.trend as { weeks: Array<{ value: number; conversations: number }>; points: number };
    expect(trend.weeks.map((w) => [w.value, w.conversations])).toEqual([
      [0.5, 10],
      [0.6, 10],
      [0.7, 10],
      [0.8, 10],
    ]);
    expect(trend.points).toBe(4);
    expect(us?.trend).toMatchObject({ slope_per_week: expect.closeTo(0.1, 12) });
    expect(us?.progress).toBeCloseTo(0.2 / 0.35, 12);
    expect(us?.time_elapsed).toBeCloseTo(14.5 / 28, 12);
    // +0.1 a week, 13.5 days after the last week's end.
    expect(us?.projection).toEqual({
      value: expect.closeTo(0.8 + (0.1 * 13.5) / 7, 9),
      at: "2026-03-16T00:00:00.000Z",
    });

    expect(europe).toMatchObject({
      name: "europe-p90",
      target: null,
      direction: "at_most",
      unit: "ms",
      threshold: HOUR,
      current: { value: 90 * MIN, conversations: 2 },
      baseline: { value: 2 * HOUR, measured: false, from: null, to: null },
      progress: 0.5,
      trend: { points: 1, slope_per_week: null },
      projection: null,
      verdict: "at_risk",
      basis: "current",
    });

    // Past its deadline: the week before the deadline (7 of 10 in time, all answered) decides.
    expect(acme).toMatchObject({
      name: "acme-response-rate",
      current: {
        value: 1,
        conversations: 10,
        from: "2026-02-16T00:00:00.000Z",
        to: "2026-02-23T00:00:00.000Z",
      },
      progress: 1.25,
      time_elapsed: 1,
      projection: null,
      verdict: "met",
      basis: "deadline",
    });
  });

  it("measures at the time asked for: before that deadline, the same goal was at risk", async () => {
    await seeded();
    const before = await service.getJson(`/v1/goals?now=${encodeURIComponent("2026-02-22T12:00:00Z")}`);
    const acme = (before.body.goals as GoalBody[])[2];
    // Weekly response rates are all 1 (everything was answered): a flat line at 100%.
    expect(acme).toMatchObject({ verdict: "on_track", basis: "projection", projection: { value: 1 } });
    expect((await service.getJson("/v1/goals?now=soon")).body.error).toMatch(/^now: /);
  });

  it("answers an empty list without goals", async () => {
    service = createTestService({}, NOW);
    expect((await service.getJson("/v1/goals")).body).toEqual({ now: iso(NOW), time_zone: "UTC", goals: [] });
  });
});

describe("goals on the pages", () => {
  it("the status page lists each goal's value and verdict in words", async () => {
    await seeded();
    const html = await (await service.app.request("/")).text();
    expect(html).toMatch(/<li class="card good" data-goal="us-attainment"><span class="value">80.0%<\/span>/);
    expect(html).toContain("SLA attainment (first response) ≥ 95.0% by 2026-03-15 · on track");
    expect(html).toMatch(/<li class="card warn" data-goal="europe-p90"><span class="value">1h 30m<\/span>/);
    expect(html).toContain("TTFR p90 ≤ 1h by 2026-06-30 · at risk");
    expect(html).toContain("Response rate ≥ 90.0% by 2026-02-22 · met");
  });

  it("the status page's goals follow newly stored events at once", async () => {
    await seeded();
    const card = async () =>
      ((await (await service.app.request("/")).text()).match(
        /data-goal="us-attainment"><span class="value">([^<]+)</,
      ) ?? [])[1];
    expect(await card()).toBe("80.0%");
    const unanswered = Array.from({ length: 10 }, (_, i) => ({
      id: `u${i}`,
      direction: "inbound",
      author: `cust-u${i}`,
      at: iso(NOW - 3 * DAY - i * MIN),
      text: "@AcmeHelp anyone?",
    }));
    expect((await service.post(unanswered)).status).toBe(200);
    // 8 of 20 in time: the ten new ones are past their deadline, unanswered.
    expect(await card()).toBe("40.0%");
  });

  it("the dashboard shows the goals, the heat map with its table, and the tag and agent tables", async () => {
    await seeded();
    const html = await (await service.app.request("/dashboard?range=30d")).text();
    expect(html).toMatch(/<tr data-goal="us-attainment" class="on_track">/);
    expect(html).toContain('<span class="badge at_risk">at risk</span>');
    expect(html).toMatch(
      /<svg [^>]*role="img" aria-label="Weekly values, oldest first: 50.0%, 60.0%, 70.0%, 80.0%\. Projected 99.3% at the deadline\. Goal ≥ 95.0%\."/,
    );
    expect(html).toMatch(/<svg [^>]*aria-labelledby="heat-title heat-desc" id="heat-map">/);
    // 42 conversations in the last 30 days, all started on Saturdays (AcmeHelp) and Sundays (ZedCare).
    expect(html).toContain("42 conversations by weekday and hour of their start (UTC)");
    const busy = [...html.matchAll(/data-weekday="(\w+)" data-hour="(\d+)" data-count="([1-9]\d*)"/g)];
    expect(busy.map((m) => `${m[1]} ${m[2]}: ${m[3]}`)).toEqual([
      ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((hour) => `sat ${hour}: 4`),
      "sun 11: 1",
      "sun 12: 1",
    ]);
    // Saturdays 03:00-07:00 are answered late in some weeks: below the attainment goal of 100%.
    expect(html.match(/data-below-goal="true"/g)).toHaveLength(5);
    expect(html).toMatch(/<table id="heat-table">/);
    expect(html).toMatch(/<table id="by-tag"[\s\S]*?>europe<[\s\S]*?>us</);
    expect(html).toMatch(/<table id="by-agent"[\s\S]*?>AcmeHelp<[\s\S]*?>ZedCare</);
  });
});
