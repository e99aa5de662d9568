import { afterEach, describe, expect, it } from "vitest";
import { createTestService } from "../support/test-service.js";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const ago = (minutes: number) => new Date(NOW - minutes * MIN).toISOString();
const ask = (id: string, minutesAgo: number, extra: object = {}) => ({
  id,
  direction: "inbound",
  author: `cust-${id}`,
  at: ago(minutesAgo),
  text: "@AcmeHelp <b>help</b>",
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

let service: ReturnType<typeof createTestService>;
afterEach(async () => {
  await service?.close();
});

async function seeded() {
  service = createTestService({}, NOW);
  await service.post([
    reply("0", "none", 600, { account: "ZedCare", author: "zed-agent" }),
    ask("b1", 300),
    ask("b2", 180, { source: "instagram" }),
    ask("r1", 100),
    ask("f1", 10, { text: "@ZedCare hello" }),
    ask("a1", 400),
    reply("a2", "a1", 390),
    ask("l1", 500, { text: "@ZedCare slow" }),
    reply("l2", "l1", 200, { author: "zed-agent", account: "ZedCare" }),
    ask("x1", 250),
    { id: "x2", type: "resolve", in_reply_to: "x1", at: ago(240) },
  ]);
  return service;
}

describe("GET /v1/status", () => {
  it("lists breaching conversations oldest due first, then what is due next, with counts", async () => {
    const s = await seeded();
    const { status, body } = await s.getJson("/v1/status");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      now: new Date(NOW).toISOString(),
      target_ms: 120 * MIN,
      counts: { open: 4, breaching: 2, at_risk: 1 },
    });
    const breaching = body.breaching as Array<Record<string, unknown>>;
    expect(breaching.map((row) => row.id)).toEqual(["api:b1", "instagram:b2"]);
    expect(breaching[0]).toMatchObject({
      account: "AcmeHelp",
      customer: "cust-b1",
      excerpt: "@AcmeHelp <b>help</b>",
      started_at: ago(300),
      due_at: ago(180),
      state: "breaching",
      overdue_ms: 180 * MIN,
      time_left_ms: 0,
    });
    const next = body.due_next as Array<Record<string, unknown>>;
    expect(next.map((row) => [row.id, row.state, row.account])).toEqual([
      ["api:r1", "at_risk", "AcmeHelp"],
      ["api:f1", "open", "ZedCare"],
    ]);
    expect(next[0]?.time_left_ms).toBe(20 * MIN);
  });

  it("filters by account and source", async () => {
    const s = await seeded();
    const byAccount = await s.getJson("/v1/status?account=ZedCare");
    expect(byAccount.body.counts).toEqual({ open: 1, breaching: 0, at_risk: 0 });
    const bySource = await s.getJson("/v1/status?source=instagram");
    expect(bySource.body.counts).toEqual({ open: 1, breaching: 1, at_risk: 0 });
  });

  it("shows the headline numbers against the goals", async () => {
    const s = await seeded();
    const { body } = await s.getJson("/v1/status");
    expect(body.goals).toMatchObject({
      conversations: 7,
      response_rate: { value: 2 / 5, goal: 1, met: false },
      attainment: { value: 1 / 5, goal: 1, met: false, target_ms: 120 * MIN },
      fcr: { value: 0, goal: 0.7, met: false },
      ttfr_p50_ms: 10 * MIN,
      ttfr_p90_ms: 300 * MIN,
    });
  });

  it("answers a bad parameter with 400 naming it", async () => {
    const s = await seeded();
    const { status, body } = await s.getJson("/v1/status?limit=0");
    expect(status).toBe(400);
    expect(body.error).toMatch(/^limit: /);
    expect((await s.getJson("/v1/status?colour=red")).body.error).toMatch(/colour/);
  });
});

describe("GET /v1/metrics", () => {
  it("groups by account, source and day", async () => {
    const s = await seeded();
    const byAccount = await s.getJson("/v1/metrics?group_by=account");
    expect((byAccount.body.groups as Array<{ key: string }>).map((g) => g.key)).toEqual([
      "AcmeHelp",
      "ZedCare",
    ]);
    expect(byAccount.body.total).toMatchObject({ conversations: 7, responded: 2, due: 5 });
    const bySource = await s.getJson("/v1/metrics?group_by=source");
    expect(bySource.body.groups).toMatchObject([
      { key: "api", conversations: 6 },
      { key: "instagram", conversations: 1 },
    ]);
    const byDay = await s.getJson("/v1/metrics?group_by=day");
    expect(byDay.body.groups).toMatchObject([{ key: "2026-03-02", conversations: 7 }]);
  });

  it("reads a time without an offset as UTC", async () => {
    const s = await seeded();
    const utc = await s.getJson(`/v1/metrics?from=${ago(300)}&to=${ago(100)}`);
    const bare = await s.getJson(
      `/v1/metrics?from=${ago(300).replace(".000Z", "")}&to=${ago(100).replace("Z", "")}`,
    );
    expect(bare.body.total).toEqual(utc.body.total);
    expect(bare.body.from).toBe(ago(300));
  });

  it("limits to conversations started in [from, to) and to one account", async () => {
    const s = await seeded();
    const window = await s.getJson(`/v1/metrics?from=${ago(300)}&to=${ago(100)}`);
    expect(window.body.total).toMatchObject({ conversations: 3 });
    const zed = await s.getJson("/v1/metrics?account=ZedCare");
    expect(zed.body.total).toMatchObject({
      conversations: 2,
      responded: 1,
      within_target: 0,
      ttfr_p50_ms: 300 * MIN,
    });
  });

  it("counts one account as one, however its replies, mentions, events and filters spell it", async () => {
    service = createTestService({}, NOW);
    const s = service;
    await s.post([
      ask("c1", 300, { text: "@acmehelp hi" }),
      reply("c2", "c1", 290),
      ask("c3", 200, { text: "hello" }),
      reply("c4", "c3", 190, { author: "ACMEHELP" }),
      ask("c5", 100, { text: "anyone?", account: "acmeHELP" }),
    ]);
    const groups = (await s.getJson("/v1/metrics?group_by=account")).body.groups as Array<{ key: string }>;
    expect(groups.map((group) => group.key)).toEqual(["AcmeHelp"]);
    for (const spelling of ["AcmeHelp", "acmehelp", "ACMEHELP"]) {
      const metrics = await s.getJson(`/v1/metrics?account=${spelling}`);
      expect(metrics.body.total).toMatchObject({ conversations: 3, responded: 2 });
      const status = await s.getJson(`/v1/status?account=${spelling}`);
      expect(status.body.filters).toMatchObject({ account: "AcmeHelp" });
      expect(status.body.counts).toMatchObject({ open: 1 });
      const list = await s.getJson(`/v1/conversations?account=${spelling}`);
      expect((list.body.conversations as unknown[]).length).toBe(3);
    }
    // An account nobody replied from is not known: its filter is taken as given.
    expect((await s.getJson("/v1/metrics?account=acme")).body.total).toMatchObject({ conversations: 0 });
  });

  it("rejects an unknown grouping and a bad time, naming the parameter", async () => {
    const s = await seeded();
    expect((await s.getJson("/v1/metrics?group_by=week")).body.error).toMatch(/^group_by: /);
    const bad = await s.getJson("/v1/metrics?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^from: /);
    expect((await s.getJson("/v1/metrics?to=-1")).status).toBe(400);
    expect((await s.getJson("/v1/metrics?to=March%202")).status).toBe(400);
  });
});
