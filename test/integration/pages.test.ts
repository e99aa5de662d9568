import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import type { Mailer } from "../../src/services/mailer.js";
import { bucketResponses, type TtfrHistogram } from "../../src/services/ttfr-histogram.js";
import { chat, writeBusinessHoursConfig } from "../support/business-hours.js";
import { createTestService, TEST_TOKEN } from "../support/test-service.js";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const HOSTILE = "<img src=x onerror=alert(1)>";
const ago = (minutes: number) => new Date(NOW - minutes * MIN).toISOString();
const ask = (id: string, minutesAgo: number, extra: object = {}) => ({
  id,
  direction: "inbound",
  author: `cust-${id}`,
  at: ago(minutesAgo),
  text: `@AcmeHelp question ${id}`,
  ...extra,
});
const reply = (id: string, to: string, minutesAgo: number, extra: object = {}) => ({
  id,
  direction: "outbound",
  author: "AcmeHelp",
  in_reply_to: to,
  at: ago(minutesAgo),
  ...extra,
});

/** Two breaching (the older first), one at risk, two open, one answered in time, one answered late. */
const EVENTS = [
  reply("0", "none", 600, { account: "ZedCare", author: "zed-agent" }),
  ask("b1", 300),
  ask("b2", 180, { source: "instagram" }),
  ask("r1", 100),
  ask("f1", 10, { text: "@ZedCare hello" }),
  ask("h1", 20, { text: `@AcmeHelp ${HOSTILE} & "quotes"`, author: "<script>alert(2)</script>" }),
  ask("a1", 400),
  reply("a2", "a1", 390),
  ask("l1", 500, { text: "@ZedCare slow" }),
  reply("l2", "l1", 200, { author: "zed-agent", account: "ZedCare" }),
];

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function seeded() {
  const service = createTestService({}, NOW);
  closers.push(service.close);
  const response = await service.post(EVENTS);
  expect(response.status).toBe(200);
  return service;
}

async function html(app: { request: (path: string) => Response | Promise<Response> }, path: string) {
  const response = await app.request(path);
  return { response, body: await response.text() };
}

/** Conversation ids of the queue rows, in page order. */
const rowIds = (body: string) =>
  [...body.matchAll(/<tr class="[a-z_]+" data-id="([^"]+)"/g)].map((m) => m[1]);
const count = (body: string, name: string) =>
  Number(body.match(new RegExp(`data-count="${name}"><span class="value">(\\d+)<`))?.[1]);

describe("GET / (status page)", () => {
  it("is an HTML document with a strict content security policy", async () => {
    const { app } = await seeded();
    const { response, body } = await html(app, "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/i);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(body.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<script src="/assets/status.js" defer=""></script>');
  });

  it("lists breaching rows first (most overdue first), then at risk, then the rest by due time", async () => {
    const { app } = await seeded();
    const { body } = await html(app, "/");
    expect(rowIds(body)).toEqual(["api:b1", "instagram:b2", "api:r1", "api:h1", "api:f1"]);
    expect(body).toContain('data-due="2026-03-02T09:00:00.000Z">overdue 3h 00m 00s<');
    expect(body).toMatch(/data-id="api:r1"[\s\S]*?20m 00s left/);
    expect(body).toContain('href="/conversations/api%3Ab1"');
  });

  it("shows the counts, answered today and the answered-late list", async () => {
    const { app } = await seeded();
    const { body } = await html(app, "/");
    expect(count(body, "open")).toBe(5);
    expect(count(body, "breaching")).toBe(2);
    expect(count(body, "at_risk")).toBe(1);
    // a2 at 05:30 and l2 at 08:40 UTC: both since midnight.
    expect(count(body, "answered_today")).toBe(2);
    expect(body).toMatch(/<table id="answered-late"[^>]*>[\s\S]*api:l1[\s\S]*>3h</);
  });

  it("filters by account and by source through the URL, with the form showing the choice", async () => {
    const { app } = await seeded();
    const zed = await html(app, "/?account=ZedCare");
    expect(rowIds(zed.body)).toEqual(["api:f1"]);
    expect(count(zed.body, "open")).toBe(1);
    expect(zed.body).toContain('<option value="ZedCare" selected="">ZedCare</option>');
    expect(zed.body).toContain('<option value="AcmeHelp">AcmeHelp</option>');
    const instagram = await html(app, "/?source=instagram");
    expect(rowIds(instagram.body)).toEqual(["instagram:b2"]);
    expect(instagram.body).toContain('<option value="instagram" selected="">instagram</option>');
    // The form's "All" submits empty values: they mean no filter.
    const all = await html(app, "/?account=&source=");
    expect(rowIds(all.body)).toHaveLength(5);
  });

  it("escapes hostile message text and names", async () => {
    const { app } = await seeded();
    const { body } = await html(app, "/");
    expect(body).toContain("@AcmeHelp &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
    expect(body).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(body).not.toContain("<img");
    expect(body).not.toContain("<script>alert");
    const page = await html(app, "/conversations/api%3Ah1");
    expect(page.body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page.body).not.toContain("<img");
  });

  it("states how alerts are delivered, without a failure banner when nothing failed", async () => {
    const { app } = await seeded();
    const { body } = await html(app, "/");
    expect(body).toContain("Alerts by outbox folder");
    expect(body).not.toContain('role="alert"');
  });

  it("shows failed deliveries in a loud banner linking to the failed alerts", async () => {
    const failing: Mailer = {
      kind: "smtp",
      description: "smtp://mail.invalid:587",
      send: async () => {
        throw new Error("connect ECONNREFUSED");
      },
    };
    const config = loadConfig({
      SLA_DB: ":memory:",
      SLA_API_TOKEN: TEST_TOKEN,
      SLA_PUBLIC_READ: "true",
      SLA_OUTBOX_DIR: join(mkdtempSync(join(tmpdir(), "sla-pages-")), "outbox"),
      ALERT_TO: "lead@example.com",
      SLA_ALERT_MAX_ATTEMPTS: "1",
    });
    const service = createNodeService(config, { clock: () => NOW, mailer: failing });
    closers.push(service.close);
    const posted = await service.app.request("/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
      body: JSON.stringify([ask("b1", 150), ask("r1", 100)]),
    });
    expect(posted.status).toBe(200);
    await service.deps.alerts.runOnce(NOW);
    const failed = service.deps.alerts.store.deliveryCounts().failed;
    expect(failed).toBeGreaterThan(0);
    const { body } = await html(service.app, "/");
    expect(body).toMatch(
      new RegExp(`role="alert" id="failed-deliveries">${failed} alert deliver(y|ies) failed for good`),
    );
    expect(body).toContain('<a href="/v1/alerts?status=failed">');
    expect(body).toContain("Alerts by email (smtp://mail.invalid:587)");
  });
});

describe("GET /conversations/:id (page)", () => {
  it("shows the conversation's facts, its messages in order and its state", async () => {
    const { app } = await seeded();
    const { response, body } = await html(app, "/conversations/api%3Al1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(body).toContain('<span class="badge answered_late">Answered late</span>');
    const slow = body.indexOf("@ZedCare slow");
    const answer = body.indexOf("zed-agent");
    expect(slow).toBeGreaterThan(0);
    expect(answer).toBeGreaterThan(slow);
    expect(body).toContain("after 5h");
    expect(body).toContain("default v1 · calendar 24/7 (UTC)");
    expect(body).toContain("Calendar 24/7: every hour counts · times in UTC");
    // 24/7: one counted segment, from the start past the deadline (2h) to the late answer.
    expect(tableRows(clock(body, 0))).toEqual([
      ["Counted", "Mon 2 Mar, 03:40", "Mon 2 Mar, 08:40", "5h", "5h"],
    ]);
  });

  it("answers an unknown id with an HTML 404", async () => {
    const { app } = await seeded();
    const { response, body } = await html(app, "/conversations/api%3Anope");
    expect(response.status).toBe(404);
    expect(body).toContain("There is no conversation api:nope.");
  });

  it("agrees with the JSON endpoint it shares a query with", async () => {
    const s = await seeded();
    const { status, body } = await s.getJson("/v1/conversations/api%3Al1");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: "api:l1",
      state: "answered_late",
      account: "ZedCare",
      ttfr_ms: 300 * MIN,
    });
    expect((body.messages as unknown[]).length).toBe(2);
  });
});

/** The cell texts of a table's body rows, tags stripped (entities stay escaped). */
const tableRows = (html: string) =>
  [...(html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "").matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(
    (row) =>
      [...(row[1] ?? "").matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
        (cell[1] ?? "").replace(/<[^>]+>/g, ""),
      ),
  );
/** The explanation of clock `i` of a conversation page. */
const clock = (body: string, i: number) =>
  body.match(new RegExp(`<details class="clock" data-clock="${i}"[\\s\\S]*?</details>`))?.[0] ?? "";

describe("GET /conversations/:id (page) under a business-hours calendar", () => {
  // Wednesday 4 March, 10:15 in Berlin; Tuesday 3 March is a holiday whose name is hostile.
  const WED = Date.parse("2026-03-04T09:15:00Z");
  const HOLIDAY = "Founders' Day <b>&</b>";

  async function office() {
    const config = writeBusinessHoursConfig({ date: "2026-03-03", name: HOLIDAY });
    const service = createTestService({ SLA_CONFIG: config }, WED);
    closers.push(service.close);
    const response = await service.post([
      // Monday 16:30 Berlin, answered at 16:45; the customer writes again at 17:30, after hours.
      chat("c1", "inbound", "2026-03-02T15:30:00Z"),
      chat("c2", "outbound", "2026-03-02T15:45:00Z", { in_reply_to: "c1" }),
      chat("c3", "inbound", "2026-03-02T16:30:00Z", { in_reply_to: "c2" }),
      // On the holiday: the clock starts on Wednesday at 09:00.
      chat("d1", "inbound", "2026-03-03T10:00:00Z"),
    ]);
    expect(response.status).toBe(200);
    return service;
  }

  it("shows the policy and one row per target clock, in the calendar's zone", async () => {
    const { app } = await office();
    const { response, body } = await html(app, "/conversations/chat%3Ac1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(body).toContain("<dt>Policy</dt><dd>office-hours v1 · calendar office (Europe/Berlin)</dd>");
    expect(body).toContain(
      "Clocks count the business hours of calendar office only · times in Europe/Berlin",
    );
    const table = body.match(/<table class="stack" id="targets"[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(tableRows(table)).toEqual([
      [
        "First response",
        "Met",
        "Mon 2 Mar, 16:30",
        "same",
        "Wed 4 Mar, 10:30",
        "Mon 2 Mar, 16:45",
        "15m of 2h",
        "5 segments explaining the first response deadline",
      ],
      [
        "Next response",
        "Breaching",
        "Mon 2 Mar, 17:30",
        "Wed 4 Mar, 09:00",
        "Wed 4 Mar, 10:00",
        "not yet",
        "1h 15m of 1h",
        "4 segments explaining the next response deadline",
      ],
      [
        "Resolution",
        "Running",
        "Mon 2 Mar, 16:30",
        "same",
        "Wed 4 Mar, 16:30",
        "not yet",
        "1h 45m of 8h",
        "5 segments explaining the resolution deadline",
      ],
    ]);
    expect(body).toContain('<a href="#clock-1">4 segments<span class="sr-only"> explaining the next');
  });

  it("explains each deadline with the clock's segments: counted, closed, holiday", async () => {
    const { app } = await office();
    const { body } = await html(app, "/conversations/chat%3Ac1");
    const first = clock(body, 0);
    // A clock that has ended starts folded; the ones still running are open.
    expect(first).toMatch(/^<details class="clock" data-clock="0">/);
    expect(clock(body, 1)).toMatch(/^<details class="clock" data-clock="1" open="">/);
    expect(first).toContain('<div id="clock-0">');
    expect(first).toContain("<summary>First response: why it is due Wed 4 Mar, 10:30</summary>");
    const holiday = "Holiday: Founders&#39; Day &lt;b&gt;&amp;&lt;/b&gt;";
    expect(tableRows(first)).toEqual([
      ["Counted", "Mon 2 Mar, 16:30", "Mon 2 Mar, 17:00", "30m", "30m"],
      ["Outside business hours", "Mon 2 Mar, 17:00", "Tue 3 Mar, 00:00", "7h", "30m"],
      [holiday, "Tue 3 Mar, 00:00", "Wed 4 Mar, 00:00", "1d", "30m"],
      ["Outside business hours", "Wed 4 Mar, 00:00", "Wed 4 Mar, 09:00", "9h", "30m"],
      ["Counted", "Wed 4 Mar, 09:00", "Wed 4 Mar, 10:30", "1h 30m", "2h"],
    ]);
    // Past its deadline, a running clock is explained up to now.
    expect(tableRows(clock(body, 1)).at(-1)).toEqual([
      "Counted",
      "Wed 4 Mar, 09:00",
      "Wed 4 Mar, 10:15",
      "1h 15m",
      "1h 15m",
    ]);
    expect(body).not.toContain("<b>&</b>");
  });

  it("shows where counting started when the message came outside business hours", async () => {
    const { app } = await office();
    const { body } = await html(app, "/conversations/chat%3Ad1");
    expect(body).toMatch(
      /data-target="first_response">[\s\S]*?>Running<[\s\S]*?Tue 3 Mar, 11:00[\s\S]*?Wed 4 Mar, 09:00[\s\S]*?Wed 4 Mar, 11:00/,
    );
    expect(tableRows(clock(body, 0)).map((row) => row[0])).toEqual([
      "Holiday: Founders&#39; Day &lt;b&gt;&amp;&lt;/b&gt;",
      "Outside business hours",
      "Counted",
    ]);
    expect(body).toContain("<summary>First response: why it is due Wed 4 Mar, 11:00</summary>");
  });
});

describe("GET /dashboard", () => {
  it("renders headline numbers against the goals, both charts and the tables", async () => {
    const { app } = await seeded();
    const { response, body } = await html(app, "/dashboard?range=7d");
    expect(response.status).toBe(200);
    expect(body).toContain('aria-current="page">7 days</a>');
    expect(body).toMatch(/<svg [^>]*aria-labelledby="daily-title daily-desc" id="daily-chart">/);
    expect(body).toContain('<title id="daily-title">');
    expect(body).toMatch(/<svg [^>]*id="ttfr-chart">/);
    expect(body).toContain('data-series="attainment"');
    expect(body).toContain('data-series="responseRate"');
    expect(body).toContain('data-series="goal"');
    expect(body).toContain("target 2h");
    // 7 conversations, 2 responded; due: the 2 responded and the 2 breaching.
    expect(body).toMatch(/data-headline="conversations"><span class="value">7</);
    expect(body).toMatch(
      /data-headline="response_rate"><span class="value">50.0%<[\s\S]*?goal 100.0% · missed/,
    );
    expect(body).toMatch(/<table id="by-account"[^>]*>[\s\S]*AcmeHelp[\s\S]*ZedCare/);
    expect(body).toMatch(/<table id="by-source"[^>]*>[\s\S]*api[\s\S]*instagram/);
    // One bar within the target (a1, 10 min) and one well over it (l1, 5 h).
    expect(body).toMatch(/fill="#1b6e2d" data-count="1"/);
    expect(body).toMatch(/fill="#b00020" data-count="1"/);
  });

  it("draws each first response against its own policy's target", async () => {
    const config = join(mkdtempSync(join(tmpdir(), "sla-dashboard-")), "sla.yaml");
    writeFileSync(
      config,
      "policies:\n  - name: x-posts\n    match: { sources: [x] }\n    targets: { first_response: 30m }\n" +
        "  - name: default\n    targets: { first_response: 2h }\n",
    );
    const service = createTestService({ SLA_CONFIG: config }, NOW);
    closers.push(() => service.close());
    await service.post([
      // 45 min on X (target 30 min): late. 90 min elsewhere (target 2 h): in time.
      ask("x1", 300, { source: "x" }),
      reply("x2", "x1", 255, { source: "x" }),
      ask("e1", 300),
      reply("e2", "e1", 210),
    ]);
    const { body } = await html(service.app, "/dashboard?range=7d");
    expect(body).toContain("2 first responses, 1 within each conversation&#39;s target.");
    expect(body).toContain("1.5× to 2×: 1");
    expect(body).toContain("0.75× to 1×: 1");
    expect(body).toMatch(/fill="#1b6e2d" data-count="1"/);
    expect(body).toMatch(/fill="#b00020" data-count="1"/);
  });

  it("takes every range and rejects others with an HTML 400", async () => {
    const { app } = await seeded();
    for (const range of ["today", "30d", "goal"]) {
      expect((await app.request(`/dashboard?range=${range}`)).status).toBe(200);
    }
    const bad = await html(app, "/dashboard?range=forever");
    expect(bad.response.status).toBe(400);
    expect(bad.body).toContain("range: expected one of today, 7d, 30d, goal.");
  });
});

describe("TTFR histogram buckets", () => {
  const counts = (histogram: TtfrHistogram) =>
    [true, false].map((within) =>
      histogram.buckets.filter((b) => b.withinTarget === within).reduce((sum, b) => sum + b.count, 0),
    );

  it("counts a TTFR equal to the target as within it, and anything longer as over", () => {
    const target = 120 * MIN;
    const ttfrs = [0, target - 1, target, target + 1, 10 * target];
    const histogram = bucketResponses(
      ttfrs.map((ttfrMs) => ({ ttfrMs, targetMs: target })),
      target,
    );
    expect(counts(histogram)).toEqual([3, 2]);
    expect(histogram.targetMs).toBe(target);
    expect(histogram.buckets.at(-1)).toMatchObject({ fromShare: 4, toShare: null, count: 1 });
  });

  it("places each response by its own conversation's target when targets differ", () => {
    const histogram = bucketResponses(
      [
        { ttfrMs: 60 * MIN, targetMs: 30 * MIN },
        { ttfrMs: 150 * MIN, targetMs: 180 * MIN },
        { ttfrMs: 180 * MIN, targetMs: 180 * MIN },
      ],
      120 * MIN,
    );
    expect(counts(histogram)).toEqual([2, 1]);
    expect(histogram.targetMs).toBeNull();
    const bucketOf = (share: number) => histogram.buckets.find((b) => b.fromShare === share)?.count;
    expect([bucketOf(0.75), bucketOf(2)]).toEqual([2, 1]);
  });
});

describe("page assets", () => {
  it("serves the stylesheet and the script from the app (no CDN)", async () => {
    const { app } = await seeded();
    const css = await app.request("/assets/app.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const js = await app.request("/assets/status.js");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toContain("setInterval(tick, 1000)");
  });
});
