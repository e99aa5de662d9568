import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createToken } from "../../src/services/tokens.js";
import { createTestService } from "../support/test-service.js";
import { readTwcsEvents, TWCS_SMALL, toApiEvent } from "../support/twcs-fixture.js";

const NOW = Date.parse("2017-12-01T00:00:00Z");
const HOUR = 3_600_000;

type Service = ReturnType<typeof createTestService>;
let service: Service;
afterEach(async () => {
  await service?.close();
});

async function seeded(env: Record<string, string> = {}) {
  service = createTestService(env, NOW);
  const response = await service.post((await readTwcsEvents(TWCS_SMALL)).map(toApiEvent));
  expect(response.status).toBe(200);
  return service;
}

function whatIf(s: Service, body: unknown, headers: Record<string, string> = {}) {
  return s.app.request("/v1/what-if", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const storedConversations = (s: Service) =>
  s.handle.sqlite.prepare("SELECT * FROM conversations ORDER BY id").all();

/** A report row without its account, and a metrics group without its key: the same fields then. */
const withoutName = <T extends { account?: string; key?: string }>({ account: _a, key: _k, ...rest }: T) =>
  rest;

describe("POST /v1/what-if", () => {
  it("answers the stored report beside the one under another target, changing nothing stored", async () => {
    const s = await seeded();
    const before = storedConversations(s);
    const response = await whatIf(s, { target: "1h" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(body)).toEqual(["current", "what_if"]);
    const metrics = await s.getJson("/v1/metrics?group_by=account");
    const current = body.current as { accounts: Array<{ account: string }>; total: object };
    expect(current.accounts.map(withoutName)).toEqual(
      (metrics.body.groups as Array<{ key: string }>).map(withoutName),
    );
    expect(withoutName(current.total)).toEqual(metrics.body.total);
    expect(body.current).toMatchObject({ now: "2017-12-01T00:00:00.000Z", target_ms: 2 * HOUR });
    expect(body.what_if).toMatchObject({ target_ms: HOUR, total: { within_target: 4, attainment: 4 / 9 } });
    expect(storedConversations(s)).toEqual(before);
  });

  it("filters both alike and takes a window and times as in the CLI", async () => {
    const s = await seeded();
    const filters = { account: "ZedCare", from: "2017-11-01T09:00:00Z", to: "2017-11-06T00:00:00Z" };
    const response = await whatIf(s, { window: "24h", now: NOW, ...filters });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, { accounts: Array<{ account: string }> }>;
    const metrics = await s.getJson(`/v1/metrics?group_by=account&${new URLSearchParams(filters)}`);
    expect(body.current?.accounts.map(withoutName)).toEqual(
      (metrics.body.groups as Array<{ key: string }>).map(withoutName),
    );
    expect(body.what_if?.accounts.map((row) => row.account)).toEqual(["ZedCare"]);
    expect(body.what_if).toMatchObject({ window_ms: 24 * HOUR, total: { conversations: 2 } });
  });

  it("takes an inline calendar in the config file's format", async () => {
    const s = await seeded();
    const response = await whatIf(s, {
      calendar: { zone: "UTC", hours: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"] } },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, { total: Record<string, unknown> }>;
    // Closed Thursday to Sunday: the business TTFR of the answered conversations shrinks.
    expect(body.what_if?.total.ttfr_business_p90_ms).toBeLessThan(
      body.current?.total.ttfr_business_p90_ms as number,
    );
    expect(body.what_if?.total.ttfr_p90_ms).toBe(body.current?.total.ttfr_p90_ms);
  });

  it.each([
    [{ target: "soon" }, /^target: expected a duration such as 2h/],
    [{ target: "1h", window: 0 }, /^window: /],
    [{ target: "1h", now: "yesterday" }, /^now: expected an ISO-8601 time/],
    [{ target: "1h", from: "2017-13-45" }, /^from: /],
    [{ target: "1h", account: "" }, /^account: /],
    [{ target: "1h", colour: "red" }, /colour/],
    [{}, /^target: give a target, window or calendar/],
    [
      { calendar: { zone: "Mars/Olympus", hours: { mon: ["09:00-17:00"] } } },
      /^calendar\.zone: unknown time zone "Mars\/Olympus"/,
    ],
    [
      { calendar: { zone: "UTC", hours: { mon: ["9-5"] } } },
      /^calendar\.hours\.mon\[0\]: "9-5" is not an opening interval/,
    ],
    [
      { calendar: { zone: "UTC", hours: { mon: ["09:00-17:00"] }, holidays: ["2026-02-30"] } },
      /^calendar\.holidays\[0\]: /,
    ],
    [{ calendar: { zone: "UTC", hours: { someday: ["09:00-17:00"] } } }, /^calendar\.hours: .*someday/],
    [{ calendar: "office" }, /^calendar: /],
    [{ target: "31d" }, /^target: at most 30d$/],
    [{ window: "400d" }, /^window: at most 365d$/],
    [
      { target: "2h", calendar: { zone: "UTC", hours: { mon: ["09:00-09:01"] } } },
      /^calendar: open 1m a week, too little to reach a 2h target within 52 weeks$/,
    ],
    ["not json", /^body: expected a JSON object/],
    [[{ target: "1h" }], /^body: expected a JSON object/],
  ])("answers %j with 400 naming the field", async (body, error) => {
    service = createTestService({}, NOW);
    const response = await whatIf(service, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(error);
  });

  it("answers 400 for a calendar whose holidays close it for good", async () => {
    const s = await seeded();
    const mondays = Array.from({ length: 60 }, (_, week) =>
      new Date(Date.parse("2017-10-30") + week * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    const response = await whatIf(s, {
      calendar: { zone: "UTC", hours: { mon: ["09:00-17:00"] }, holidays: mondays },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^calendar: calendar "what-if" has no opening hours in the 400 days after/,
    );
  });

  it("runs one at a time", async () => {
    const s = await seeded();
    const answers = await Promise.all([whatIf(s, { target: "1h" }), whatIf(s, { target: "1h" })]);
    expect(answers.map((a) => a.status)).toEqual([200, 503]);
    expect(answers[1]?.headers.get("retry-after")).toBe("5");
    expect((await whatIf(s, { target: "1h" })).status).toBe(200);
  });

  it("needs the read scope, from the Authorization header only, unless reads are public", async () => {
    service = createTestService({ SLA_PUBLIC_READ: "false" }, NOW);
    const read = createToken(service.deps.db, "r", 0, ["read"]).token;
    const ingest = createToken(service.deps.db, "i", 0, ["ingest"]).token;
    const body = { target: "1h" };
    expect((await whatIf(service, body)).status).toBe(401);
    const refused = await whatIf(service, body, { authorization: `Bearer ${ingest}` });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain('"read" scope');
    expect((await whatIf(service, body, { authorization: `Bearer ${read}` })).status).toBe(200);
    // The page cookie serves GETs only: no other site can make a browser post this.
    expect((await whatIf(service, body, { cookie: `sla_token=${read}` })).status).toBe(401);
  });

  it("derives with the tags the configured policies match on", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sla-what-if-")), "policies.yaml");
    writeFileSync(
      file,
      "policies:\n  - name: vip\n    match: { tags: [vip] }\n    targets: { first_response: 30m }\n",
    );
    service = createTestService({ SLA_CONFIG: file, SLA_SUMMARY_HOUR: "off" }, NOW);
    const at = "2017-11-20T09:00:00Z";
    await service.post([
      {
        id: "v1",
        direction: "inbound",
        author: "vera",
        at,
        account: "AcmeHelp",
        tags: ["vip"],
        priority: "high",
      },
      { id: "v2", direction: "outbound", author: "AcmeHelp", at: "2017-11-20T10:00:00Z", in_reply_to: "v1" },
    ]);
    const body = (await (await whatIf(service, { window: "72h" })).json()) as Record<string, unknown>;
    // Answered after an hour: late under the vip policy's 30 minutes, stored and derived again alike.
    expect(body.current).toMatchObject({ total: { due: 1, within_target: 0 } });
    expect(body.what_if).toEqual(body.current);
  });
});
