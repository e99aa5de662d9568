import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUZZ_NOW, rejectedEvent, validEvent } from "../support/arbitraries.js";
import {
  ackRequest,
  anyRequest,
  describeRequest,
  eventsRequest,
  FUZZ_ENV,
  getRequest,
  requestInit,
  snapshot,
  webhookRequest,
} from "../support/fuzz-requests.js";
import { createTestService } from "../support/test-service.js";

type Service = ReturnType<typeof createTestService>;
let service: Service;
beforeAll(() => {
  service = createTestService(FUZZ_ENV, FUZZ_NOW);
});
afterAll(async () => {
  await service.close();
});

/** Sends a request; the answer is read completely, so a failure while streaming it counts too. */
async function send(request: Parameters<typeof requestInit>[0]) {
  const response = await service.app.request(request.path, requestInit(request));
  const text = await response.text();
  return { status: response.status, text };
}

const neverServerError = (arbitrary: fc.Arbitrary<Parameters<typeof requestInit>[0]>) =>
  fc.asyncProperty(arbitrary, async (request) => {
    const { status, text } = await send(request);
    if (status >= 500) expect.fail(`${status} ${text} for ${describeRequest(request)}`);
  });

describe("hostile requests never cause a 5xx", () => {
  it("POST /v1/events: JSON, arrays, NDJSON, broken UTF-8, deep nesting", async () => {
    await fc.assert(neverServerError(eventsRequest), { numRuns: 300 });
  });

  it("POST /v1/alerts/{id}/ack", async () => {
    await fc.assert(neverServerError(ackRequest), { numRuns: 100 });
  });

  it("GET endpoints with random ids and query strings", async () => {
    await fc.assert(neverServerError(getRequest), { numRuns: 200 });
  });

  it("time parameters at and beyond the edges of a Date", async () => {
    const value = fc.oneof(
      fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String),
      fc.double().map(String),
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid" : d.toISOString())),
      fc.constantFrom("8640000000000001", "+275760-09-13T00:00:00.000Z", "9999-12-31T23:59:59.999Z"),
    );
    const request = fc
      .tuple(
        fc.constantFrom("/v1/metrics", "/v1/status", "/", "/dashboard"),
        fc.constantFrom("from", "to", "now"),
        value,
      )
      .map(([path, key, v]) => ({
        method: "GET" as const,
        path: `${path}?${key}=${encodeURIComponent(v)}&group_by=day`,
        headers: {},
        signing: "none" as const,
      }));
    await fc.assert(neverServerError(request), { numRuns: 150 });
  });

  it("every endpoint, mixed", async () => {
    await fc.assert(neverServerError(anyRequest()), { numRuns: 200 });
  });
});

describe("rejected input changes nothing", () => {
  it("a request whose items are all rejected leaves messages and conversations as they were", async () => {
    await service.post([{ id: "seed-1", direction: "inbound", author: "c", at: FUZZ_NOW - 60_000 }]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(rejectedEvent, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (items, ndjson) => {
          const before = snapshot(service.handle.sqlite);
          const body = ndjson ? items.map((item) => JSON.stringify(item)).join("\n") : JSON.stringify(items);
          const response = await service.post(body, ndjson ? { contentType: "application/x-ndjson" } : {});
          expect(response.status).toBe(400);
          const answer = (await response.json()) as { error: string; rejected: number };
          expect(answer.rejected).toBe(items.length);
          expect(snapshot(service.handle.sqlite)).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a webhook delivery answered with a 4xx stores nothing", async () => {
    const deliveries = fc.oneof(
      webhookRequest("x", [{}]),
      ...["x", "meta", "zendesk"].map((n) => webhookRequest(n as "x", [{ a: 1 }])),
    );
    const property = fc.asyncProperty(fc.oneof(deliveries, anyRequest()), async (request) => {
      if (!request.path.startsWith("/v1/webhooks/")) return;
      const before = snapshot(service.handle.sqlite);
      const { status } = await send(request);
      if (status >= 400) expect(snapshot(service.handle.sqlite)).toBe(before);
    });
    await fc.assert(property, { numRuns: 200 });
  });

  it("valid items mixed with rejected ones are stored, the rejected ones are reported", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            validEvent.map((e) => ({ ok: true, e })),
            rejectedEvent.map((e) => ({ ok: false, e })),
          ),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        async (items) => {
          const response = await service.post(items.map((item) => item.e));
          const answer = (await response.json()) as { results: { status: string }[] };
          const valid = items.filter((item) => item.ok).length;
          expect(response.status).toBe(valid > 0 ? 200 : 400);
          items.forEach((item, i) => {
            expect(answer.results[i]?.status === "rejected").toBe(!item.ok);
          });
          for (const item of items.filter((it) => it.ok)) {
            const e = item.e as { id: string | number; source?: string };
            const found = service.handle.sqlite
              .prepare("SELECT count(*) FROM messages WHERE source = ? AND id = ?")
              .pluck()
              .get(e.source ?? "api", String(e.id));
            expect(found).toBe(1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
