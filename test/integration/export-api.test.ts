import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_COLUMNS } from "../../src/services/conversation-export.js";
import { csvObjects, parseCsv } from "../support/csv-parse.js";
import { createTestService } from "../support/test-service.js";
import { readTwcsEvents, TWCS_SMALL, toApiEvent } from "../support/twcs-fixture.js";

const NOW = Date.parse("2017-12-01T00:00:00Z");

type Service = ReturnType<typeof createTestService>;
let service: Service;
afterEach(async () => {
  await service?.close();
});

/** Text a spreadsheet would misread: separators, quotes and line breaks, and formula starts. */
const HOSTILE = [
  {
    id: "h1",
    direction: "inbound",
    author: "=cmd|' /C calc'!A0",
    at: "2017-11-10T10:00:00Z",
    account: "AcmeHelp",
    text: 'Hello, "friend"\nsecond line, =1+2',
  },
  { id: "h2", direction: "outbound", author: "AcmeHelp", at: "2017-11-10T10:05:00Z", in_reply_to: "h1" },
  {
    id: "h3",
    direction: "inbound",
    author: "-alice",
    at: "2017-11-11T10:00:00Z",
    account: "AcmeHelp",
    text: "+31 20 123\r\nCR LF",
    tags: ["-neg", "vip"],
    priority: "@high",
  },
  {
    id: "h4",
    direction: "inbound",
    author: "bob",
    at: "2017-11-12T10:00:00Z",
    text: '=HYPERLINK("http://x.test","y")',
  },
];

async function seeded() {
  service = createTestService({}, NOW);
  const events = [...(await readTwcsEvents(TWCS_SMALL)).map(toApiEvent), ...HOSTILE];
  expect((await service.post(events)).status).toBe(200);
  return service;
}

/** The fields of `GET /v1/conversations` and `GET /v1/conversations/{id}` an export row is compared with. */
interface ListItem {
  id: string;
  source: string;
  account: string;
  customer: string;
  excerpt: string | null;
  state: string;
  policy: { name: string; version: number };
  started_at: string;
  due_at: string;
  first_response_at: string | null;
  next_response_due_at: string | null;
  resolution_due_at: string | null;
  messages: number;
}
interface Detail {
  ttfr_ms: number | null;
  ttfr_business_ms: number | null;
  resolved: boolean;
  touches: number;
  tags: string[];
  priority: string | null;
}

/** A cell as the service stored it: without the quote that keeps a spreadsheet from running it. */
const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const orEmpty = (value: unknown) => (value === null || value === undefined ? "" : String(value));

describe("GET /v1/export/conversations.csv", () => {
  it("round-trips: every conversation of the conversations API, field by field", async () => {
    const s = await seeded();
    const response = await s.app.request("/v1/export/conversations.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="conversations.csv"');
    const text = await response.text();
    expect(parseCsv(text)[0]).toEqual([...CONVERSATION_COLUMNS]);
    const rows = csvObjects(text);
    const list = (await s.getJson("/v1/conversations?limit=500")).body.conversations as ListItem[];
    expect(rows.map((row) => row.id).sort()).toEqual(list.map((item) => item.id).sort());
    const started = rows.map((row) => row.started_at);
    expect(started).toEqual([...started].sort());
    for (const item of list) {
      const row = rows.find((r) => r.id === item.id) ?? {};
      const detail = (await s.getJson(`/v1/conversations/${encodeURIComponent(item.id)}`))
        .body as unknown as Detail;
      const expected = {
        id: item.id,
        source: item.source,
        account: item.account,
        customer: item.customer,
        policy: item.policy.name,
        policy_version: String(item.policy.version),
        started_at: item.started_at,
        due_at: item.due_at,
        first_response_at: orEmpty(item.first_response_at),
        ttfr_ms: orEmpty(detail.ttfr_ms),
        ttfr_business_ms: orEmpty(detail.ttfr_business_ms),
        state: item.state,
        resolved: String(detail.resolved),
        touches: String(detail.touches),
        messages: String(item.messages),
        tags: detail.tags.join(" "),
        priority: orEmpty(detail.priority),
        next_response_due_at: orEmpty(item.next_response_due_at),
        resolution_due_at: orEmpty(item.resolution_due_at),
        excerpt: orEmpty(item.excerpt),
      };
      expect(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, unguard(v)])), item.id).toEqual(
        expected,
      );
    }
  });

  it("quotes separators, quotes and line breaks, and keeps formulas from running", async () => {
    const s = await seeded();
    const text = await (await s.app.request("/v1/export/conversations.csv")).text();
    const byId = new Map(csvObjects(text).map((row) => [row.id, row]));
    expect(byId.get("api:h1")).toMatchObject({
      customer: "'=cmd|' /C calc'!A0",
      excerpt: 'Hello, "friend"\nsecond line, =1+2',
      state: "answered",
    });
    expect(text).toContain(`,"Hello, ""friend""\nsecond line, =1+2"\r\n`);
    expect(byId.get("api:h3")).toMatchObject({
      customer: "'-alice",
      tags: "'-neg vip",
      priority: "'@high",
      excerpt: "'+31 20 123\r\nCR LF",
    });
    expect(byId.get("api:h4")?.excerpt).toBe(`'=HYPERLINK("http://x.test","y")`);
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""y"")"\r\n`);
    // Every record ends with CRLF, and no field a spreadsheet would evaluate is left unguarded.
    for (const row of parseCsv(text)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("filters by start, account and source, and states at now", async () => {
    const s = await seeded();
    const rows = async (query: string) =>
      csvObjects(await (await s.app.request(`/v1/export/conversations.csv?${query}`)).text());
    const zed = await rows("account=ZedCare");
    expect(zed.map((row) => row.id)).toEqual(["x:10", "x:20", "x:80"]);
    expect((await rows("source=api")).map((row) => row.id)).toEqual(["api:h1", "api:h3", "api:h4"]);
    expect((await rows("from=2017-11-04&to=2017-11-06")).map((row) => row.id)).toEqual([
      "x:51",
      "x:60",
      "x:80",
    ]);
    // Unanswered, due 11:30: breaching now, open at 10:00.
    expect(zed.find((row) => row.id === "x:20")?.state).toBe("breaching");
    const early = await rows("account=ZedCare&now=2017-11-01T10:00:00Z");
    expect(early.find((row) => row.id === "x:20")?.state).toBe("open");
  });

  it("answers a bad parameter with 400 naming it", async () => {
    service = createTestService({}, NOW);
    const bad = async (query: string) => {
      const response = await service.app.request(`/v1/export/conversations.csv?${query}`);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: string }).error;
    };
    expect(await bad("from=last-week")).toMatch(/^from: /);
    expect(await bad("account=")).toMatch(/^account: /);
    expect(await bad("state=open")).toMatch(/state/);
  });

  it("streams: a page is read only when the client has taken the one before", async () => {
    service = createTestService({}, NOW);
    const start = Date.parse("2017-11-01T00:00:00Z");
    const asks = Array.from({ length: 1600 }, (_, i) => ({
      id: `q${i}`,
      direction: "inbound",
      author: `c${i}`,
      at: new Date(start + i * 60_000).toISOString(),
      text: "where is my parcel",
    }));
    expect((await service.post(asks)).status).toBe(200);
    const response = await service.app.request("/v1/export/conversations.csv");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const read = async () => {
      const chunk = await reader.read();
      if (!chunk.done) received += decoder.decode(chunk.value, { stream: true });
      return !chunk.done;
    };
    await read();
    await read();
    expect(received.split("\r\n").length - 1).toBeLessThan(1601);
    // Stored after the first rows went out and started last: it can only be in the body if the later pages
    // are read after the first ones were sent.
    const late = {
      id: "late",
      direction: "inbound",
      author: "zoe",
      at: "2017-11-20T00:00:00Z",
      text: "hello?",
    };
    expect((await service.post(late)).status).toBe(200);
    while (await read()) {}
    const ids = csvObjects(received).map((row) => row.id);
    expect(ids).toHaveLength(1601);
    expect(ids.at(-1)).toBe("api:late");
  });
});

describe("GET /v1/export/metrics.csv", () => {
  it("has the report's rows: one per account and the total", async () => {
    const s = await seeded();
    const response = await s.app.request("/v1/export/metrics.csv?account=ZedCare");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="metrics.csv"');
    const rows = csvObjects(await response.text());
    const metrics = (await s.getJson("/v1/metrics?account=ZedCare")).body.total as Record<string, unknown>;
    expect(rows.map((row) => row.account)).toEqual(["ZedCare", "all"]);
    for (const name of ["conversations", "responded", "due", "within_target", "attainment", "ttfr_p90_ms"]) {
      expect(rows[1]?.[name], name).toBe(orEmpty(metrics[name]));
    }
  });
});
