import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestService } from "../support/test-service.js";

const HOUR = 3_600_000;
// Monday 2026-12-21 09:00 UTC = 10:00 in Berlin.
const T0 = Date.parse("2026-12-21T09:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const CONFIG = `calendars:
  office:
    zone: Europe/Berlin
    hours:
      mon: ["09:00-17:00"]
      tue: ["09:00-17:00"]
      wed: ["09:00-17:00"]
      thu: ["09:00-17:00"]
      fri: ["09:00-17:00"]
    holidays:
      - { date: "2026-12-25", name: Christmas Day }
policies:
  - name: vip
    match: { tags: [vip] }
    calendar: office
    targets:
      first_response: 1h
      next_response: { target: 30m, warning: 0.5 }
      resolution: 4h
`;

type Service = ReturnType<typeof createTestService>;
const services: Service[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

function service(): Service {
  const file = join(mkdtempSync(join(tmpdir(), "sla-policies-")), "sla.yaml");
  writeFileSync(file, CONFIG);
  const s = createTestService({ SLA_CONFIG: file, SLA_SUMMARY_HOUR: "off" }, T0);
  services.push(s);
  return s;
}

const vip = (id: string, minutes: number, extra: Record<string, unknown> = {}) => ({
  id,
  direction: "inbound",
  author: "ann",
  account: "AcmeHelp",
  at: at(minutes),
  text: "help",
  tags: ["vip"],
  ...extra,
});
const reply = (id: string, to: string, minutes: number) => ({
  id,
  direction: "outbound",
  author: "AcmeHelp",
  at: at(minutes),
  in_reply_to: to,
});

describe("policies over the API", () => {
  it("GET /v1/policies shows the policies in force with calendars and versions", async () => {
    const s = service();
    const { status, body: json } = await s.getJson("/v1/policies?history=true");
    const body = json as { policies: Array<{ name: string; version: number }>; history: unknown[] };
    expect(status).toBe(200);
    expect(body.policies.map((p) => [p.name, p.version])).toEqual([
      ["vip", 1],
      ["default", 1],
    ]);
    expect(body.policies[0]).toMatchObject({
      match: { tags: ["vip"] },
      calendar: {
        name: "office",
        zone: "Europe/Berlin",
        hours: { mon: ["09:00-17:00"], sat: [] },
        holidays: [{ date: "2026-12-25", name: "Christmas Day" }],
      },
      targets: {
        first_response: { target_ms: HOUR, warning_share: 0.75 },
        next_response: { target_ms: HOUR / 2, warning_share: 0.5 },
        resolution: { target_ms: 4 * HOUR, warning_share: 0.75 },
      },
    });
    expect(body.history).toHaveLength(2);
    expect((await s.getJson("/v1/policies?history=maybe")).status).toBe(400);
  });

  it("alerts on a follow-up's next response and on resolution, each under its own target", async () => {
    const s = service();
    // Thursday 24th 15:30 Berlin; answered at 15:40, the customer follows up at 15:50.
    const start = 3 * 24 * 60 + 5 * 60 + 30;
    expect(
      (
        await s.post([
          vip("1", start),
          reply("2", "1", start + 10),
          vip("3", start + 20, { in_reply_to: "2" }),
        ])
      ).status,
    ).toBe(200);
    // The follow-up's 30 minutes run 15:50-16:20 Berlin, warning after 15.
    s.setNow(T0 + (start + 40) * 60_000);
    await s.scan();
    type FollowUps = { follow_ups: { waiting: number; breaching: number; items: unknown[] } };
    const status = (await s.getJson("/v1/status")).body as FollowUps;
    expect(status.follow_ups).toEqual({
      waiting: 1,
      breaching: 0,
      items: [
        expect.objectContaining({
          id: "api:1",
          policy: "vip",
          waiting_since: "2026-12-24T14:50:00.000Z",
          due_at: "2026-12-24T15:20:00.000Z",
          state: "open",
          time_left_ms: 10 * 60_000,
        }),
      ],
    });
    // Resolution: 4 h of business time from Thursday 15:30 are 1.5 h on Thursday, Christmas closed, so
    // 2.5 h on Monday the 28th: due 11:30 Berlin.
    s.setNow(Date.parse("2026-12-28T10:31:00Z"));
    await s.scan();
    const alerts = (await s.getJson("/v1/alerts")).body.alerts as Array<{ target: string; level: string }>;
    // The follow-up's breach point (Thursday) is older than the alert horizon (24 h) by Monday: not raised.
    expect(alerts.map((a) => `${a.target} ${a.level}`).sort()).toEqual([
      "next_response@2026-12-24T14:50:00.000Z warning",
      "resolution breach",
    ]);
    type Target = { target: string; segments: Array<{ kind: string }> };
    const detail = (await s.getJson("/v1/conversations/api%3A1")).body as {
      policy: unknown;
      targets: Target[];
    };
    expect(detail.policy).toMatchObject({ name: "vip", version: 1, calendar: "office" });
    const resolution = detail.targets.find((t) => t.target === "resolution");
    expect(resolution).toMatchObject({ due_at: "2026-12-28T10:30:00.000Z", status: "breaching" });
    expect(resolution?.segments.map((seg) => seg.kind)).toEqual([
      "counted",
      "closed",
      "holiday",
      "closed",
      "counted",
    ]);
  });

  it("GET /v1/conversations pages newest first and filters by state", async () => {
    const s = service();
    await s.post([
      vip("1", 0),
      reply("2", "1", 10),
      { ...vip("3", 20), tags: [], author: "bob" },
      { ...vip("4", 30), tags: [], author: "cat" },
    ]);
    s.setNow(T0 + 150 * 60_000);
    type Page = { conversations: Array<{ id: string }>; next_cursor: string | null };
    const page = async (query: string) => (await s.getJson(`/v1/conversations?${query}`)).body as Page;
    const first = await page("limit=2");
    expect(first.conversations.map((c) => c.id)).toEqual(["api:4", "api:3"]);
    const second = await page(`limit=2&cursor=${first.next_cursor}`);
    expect(second).toMatchObject({ conversations: [{ id: "api:1", state: "answered" }], next_cursor: null });
    // api:3 (started 09:20 UTC) is past its 2 h deadline at 11:30; api:4 is not yet.
    const ids = async (query: string) => (await page(query)).conversations.map((c) => c.id);
    expect(await ids("state=breaching")).toEqual(["api:3"]);
    expect(await ids("state=open")).toEqual(["api:4"]);
    expect(await ids("state=answered")).toEqual(["api:1"]);
    expect(await ids("state=resolved")).toEqual([]);
    const bad = await s.getJson("/v1/conversations?state=lost&cursor=xyz");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/state/);
  });

  it("refuses tags with spaces, naming the field", async () => {
    const s = service();
    const response = await s.post(vip("1", 0, { tags: ["two words"] }));
    const body = (await response.json()) as { results: Array<{ status: string; reason: string }> };
    expect(body.results[0]).toMatchObject({ status: "rejected" });
    expect(body.results[0]?.reason).toMatch(/tags\.0: 1 to 64 characters without spaces/);
  });
});
