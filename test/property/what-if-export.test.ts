import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUZZ_NOW, hostileString, mutateJson, queryString, validEvent } from "../support/arbitraries.js";
import { FUZZ_ENV, snapshot } from "../support/fuzz-requests.js";
import { createTestService } from "../support/test-service.js";

type Service = ReturnType<typeof createTestService>;
let service: Service;
beforeAll(async () => {
  service = createTestService(FUZZ_ENV, FUZZ_NOW);
  const events = fc.sample(validEvent, { numRuns: 60, seed: 7 });
  expect((await service.post(events)).status).toBe(200);
});
afterAll(async () => {
  await service.close();
});

const SEED_BODY = {
  target: "1h",
  window: "24h",
  now: "2026-03-02T12:00:00Z",
  from: 0,
  account: "AcmeHelp",
  calendar: {
    zone: "Europe/Berlin",
    hours: { mon: ["09:00-12:30", "13:30-18:00"], fri: ["09:00-17:00"] },
    holidays: ["2026-12-25", { date: "2026-12-26", name: "Boxing Day" }],
    overrides: [{ date: "2026-12-24", hours: ["09:00-12:00"] }],
  },
};

const edgeValue = fc.oneof(
  hostileString(),
  fc.constantFrom(
    8640000000000001,
    1e22,
    -1,
    0,
    1.5,
    "+275760-09-13T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "0ms",
  ),
);

/** A what-if body mutated from a valid one, or one field set to a value at or past an edge. */
const whatIfBody = fc.oneof(
  mutateJson(SEED_BODY),
  fc
    .tuple(fc.constantFrom("target", "window", "now", "from", "to", "account", "calendar"), edgeValue)
    .map(([key, value]) => ({ ...SEED_BODY, [key]: value })),
);

describe("what-if and export with hostile input", () => {
  it("POST /v1/what-if never answers 5xx and never changes what is stored", async () => {
    const before = snapshot(service.handle.sqlite);
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(whatIfBody, async (body) => {
        const response = await service.app.request("/v1/what-if", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body) ?? "null",
        });
        const text = await response.text();
        statuses.add(response.status);
        if (response.status >= 500) expect.fail(`${response.status} ${text} for ${JSON.stringify(body)}`);
      }),
      { numRuns: 150 },
    );
    expect(snapshot(service.handle.sqlite)).toBe(before);
    // Some of them were measured, not only refused.
    expect([...statuses].sort()).toEqual([200, 400]);
  });

  it("GET /v1/export/*.csv never answers 5xx, also while streaming", async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("conversations", "metrics"), queryString, async (what, query) => {
        const response = await service.app.request(`/v1/export/${what}.csv?${query}`);
        const text = await response.text();
        statuses.add(response.status);
        if (response.status >= 500) expect.fail(`${response.status} ${text} for ${what}?${query}`);
        if (response.status === 200) expect(text.endsWith("\r\n")).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect([...statuses].sort()).toEqual([200, 400]);
  });
});
