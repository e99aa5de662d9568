import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { FUZZ_NOW } from "../support/arbitraries.js";
import { createTestService } from "../support/test-service.js";
import { threadedEvents } from "../support/thread-arbitraries.js";

type Service = ReturnType<typeof createTestService>;
const open: Service[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

function service(): Service {
  const created = createTestService({ SLA_RATE_LIMIT: "off", SLA_LOG_LEVEL: "silent" }, FUZZ_NOW);
  open.push(created);
  return created;
}

/** Every stored conversation, without the internal thread number (which depends on arrival order). */
const conversationsOf = (s: Service) =>
  s.handle.sqlite
    .prepare("SELECT * FROM conversations ORDER BY id")
    .all()
    .map((row) => ({ ...(row as Record<string, unknown>), thread_id: undefined }));

/** What the API reports: metrics in total, per account and per day, and the open queue. */
async function figures(s: Service) {
  const now = new Date(FUZZ_NOW).toISOString();
  return {
    metrics: (await s.getJson(`/v1/metrics?now=${now}&group_by=account`)).body,
    days: (await s.getJson(`/v1/metrics?now=${now}&group_by=day`)).body,
    // Without `alerts`: it names each service's own outbox folder.
    status: { ...(await s.getJson("/v1/status?limit=500")).body, alerts: undefined },
  };
}

async function postInBatches(s: Service, events: unknown[], size: number) {
  for (let offset = 0; offset < events.length; offset += size) {
    const response = await s.post(events.slice(offset, offset + size));
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

describe("arrival order and repeated deliveries never change a result", () => {
  it("any permutation and duplication of random threads gives the same conversations and metrics", async () => {
    await fc.assert(
      fc.asyncProperty(
        threadedEvents,
        fc.array(fc.integer()),
        fc.array(fc.nat()),
        fc.integer({ min: 1, max: 7 }),
        async (events, keys, repeats, batch) => {
          const inOrder = service();
          await postInBatches(inOrder, events, events.length);
          const shuffled = events
            .map((event, i) => ({ event, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
            .sort((a, b) => a.key - b.key || b.i - a.i)
            .map(({ event }) => event);
          const duplicated = [...shuffled, ...repeats.map((r) => shuffled[r % shuffled.length])];
          const posted = service();
          await postInBatches(posted, duplicated, batch);
          expect(conversationsOf(posted)).toEqual(conversationsOf(inOrder));
          expect(await figures(posted)).toEqual(await figures(inOrder));
          for (const s of open.splice(0)) await s.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
