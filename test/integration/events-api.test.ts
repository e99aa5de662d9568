import { afterEach, describe, expect, it } from "vitest";
import type { IngestSummary } from "../../src/services/ingest.js";
import { createTestService } from "../support/test-service.js";

const read = async (response: Response) => (await response.json()) as IngestSummary & { error?: string };

const at = (minutes: number) => new Date(Date.parse("2026-03-02T09:00:00Z") + minutes * 60_000).toISOString();
const customer = (id: string, minutes: number, extra: object = {}) => ({
  id,
  direction: "inbound",
  author: "cust1",
  at: at(minutes),
  text: "@AcmeHelp my parcel is late",
  ...extra,
});
const agent = (id: string, minutes: number, extra: object = {}) => ({
  id,
  direction: "outbound",
  author: "AcmeHelp",
  at: at(minutes),
  ...extra,
});

let service: ReturnType<typeof createTestService>;
afterEach(async () => {
  await service?.close();
});

describe("POST /v1/events", () => {
  it("stores one event and reports a repeat as a duplicate", async () => {
    service = createTestService();
    const first = await service.post(customer("1", 0));
    expect(first.status).toBe(200);
    expect(await read(first)).toMatchObject({ stored: 1, duplicates: 0, rejected: 0 });
    const again = await service.post(customer("1", 0));
    expect(await read(again)).toMatchObject({
      stored: 0,
      duplicates: 1,
      results: [{ status: "duplicate", id: "1" }],
    });
  });

  it("accepts a JSON array, storing valid items when others are rejected", async () => {
    service = createTestService();
    const response = await service.post([
      customer("1", 0),
      { id: "2", direction: "sideways", author: "x", at: at(1) },
      agent("3", 5, { in_reply_to: "1" }),
    ]);
    expect(response.status).toBe(200);
    const body = await read(response);
    expect(body).toMatchObject({ stored: 2, rejected: 1 });
    expect(body.results[1]).toMatchObject({ index: 1, status: "rejected" });
    expect(body.results[1]?.reason).toMatch(/^direction: /);
    const metrics = await service.getJson("/v1/metrics?now=2026-03-02T12:00:00Z");
    expect(metrics.body.total).toMatchObject({ conversations: 1, responded: 1, within_target: 1 });
  });

  it("accepts NDJSON and names the line of a broken or invalid item", async () => {
    service = createTestService();
    const ndjson = [
      JSON.stringify(customer("1", 0)),
      "{not json",
      "",
      JSON.stringify({ id: "4", at: "yesterday" }),
    ].join("\n");
    const response = await service.post(ndjson, { contentType: "application/x-ndjson" });
    const body = await read(response);
    expect(body).toMatchObject({ stored: 1, rejected: 2 });
    expect(body.results[1]).toMatchObject({ line: 2, status: "rejected" });
    expect(body.results[1]?.reason).toMatch(/^line 2: not valid JSON/);
    expect(body.results[2]?.line).toBe(4);
    expect(body.results[2]?.reason).toMatch(/^line 4: .*at: expected ISO-8601/);
  });

  it.each([
    { name: "a missing id", event: { direction: "inbound", author: "a", at: at(0) }, field: "id" },
    {
      name: "a time without offset",
      event: { id: "1", direction: "inbound", author: "a", at: "2026-03-02T09:00:00" },
      field: "at",
    },
    { name: "a missing author", event: { id: "1", direction: "inbound", at: at(0) }, field: "author" },
    {
      name: "a resolve without target",
      event: { id: "r", type: "resolve", at: at(0) },
      field: "in_reply_to",
    },
    {
      name: "a wrong type",
      event: { id: "1", type: "close", direction: "inbound", author: "a", at: at(0) },
      field: "type",
    },
    { name: "not an object", event: 42, field: "event" },
    {
      name: "an id with a lone surrogate",
      event: { id: "a\ud800", direction: "inbound", author: "a", at: at(0) },
      field: "id",
    },
    {
      name: "text with a lone surrogate",
      event: { id: "1", direction: "inbound", author: "a", at: at(0), text: "hi \udc00" },
      field: "text",
    },
  ])("rejects $name with a 400 naming the field", async ({ event, field }) => {
    service = createTestService();
    const response = await service.post(event);
    expect(response.status).toBe(400);
    const body = await read(response);
    expect(body.error).toMatch(new RegExp(`^${field}: `));
    const metrics = await service.getJson("/v1/metrics");
    expect(metrics.body.total).toMatchObject({ conversations: 0 });
  });

  it("answers an unparseable body with 400 and an oversized one with 413", async () => {
    service = createTestService({ SLA_MAX_BODY_BYTES: "1000" });
    const broken = await service.post("{", { contentType: "application/json" });
    expect(broken.status).toBe(400);
    expect((await read(broken)).error).toMatch(/^body: not valid JSON/);
    const huge = await service.post(customer("1", 0, { text: "x".repeat(2000) }));
    expect(huge.status).toBe(413);
  });

  it("needs a valid bearer token", async () => {
    service = createTestService();
    expect((await service.post(customer("1", 0), { token: null })).status).toBe(401);
    const wrong = await service.post(customer("1", 0), { token: "nope-nope-nope-nope" });
    expect(wrong.status).toBe(401);
    expect((await read(wrong)).error).toMatch(/^authorization: /);
  });

  it("joins a reply that arrives before its parent", async () => {
    service = createTestService();
    await service.post(agent("2", 30, { in_reply_to: "1" }));
    await service.post(customer("1", 0));
    const metrics = await service.getJson("/v1/metrics?now=2026-03-02T12:00:00Z&group_by=account");
    expect(metrics.body.total).toMatchObject({ conversations: 1, responded: 1, ttfr_p50_ms: 30 * 60_000 });
  });

  it("joins messages by an explicit conversation id and resolves by it", async () => {
    service = createTestService();
    await service.post([
      customer("a", 0, { conversation: "T-9" }),
      agent("b", 10, { conversation: "T-9" }),
      { id: "r", type: "resolve", conversation: "T-9", at: at(20) },
    ]);
    const metrics = await service.getJson("/v1/metrics?now=2026-03-02T12:00:00Z");
    expect(metrics.body.total).toMatchObject({ conversations: 1, resolved: 1, fcr_resolved: 1, fcr_rate: 1 });
  });
});
