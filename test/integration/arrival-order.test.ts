import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { generateDemoEvents } from "../../src/demo/demo-events.js";
import type { SlaEvent } from "../../src/domain/event.js";
import { importFile } from "../../src/services/import-file.js";
import { buildReport } from "../../src/services/report.js";
import { createTestService } from "../support/test-service.js";
import { readTwcsEvents, TWCS_SMALL, toApiEvent } from "../support/twcs-fixture.js";

const NOW = Date.parse("2026-03-02T12:00:00Z");
type Service = ReturnType<typeof createTestService>;
const open: Service[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

function service(): Service {
  const created = createTestService({}, NOW);
  open.push(created);
  return created;
}

/** Every stored conversation, without the internal thread number. */
function conversationsOf(s: Service) {
  return s.handle.sqlite
    .prepare("SELECT * FROM conversations ORDER BY id")
    .all()
    .map((row) => ({ ...(row as Record<string, unknown>), thread_id: undefined }));
}

/** Posts events in the given order, in batches of the given sizes (cycled). */
async function postInBatches(s: Service, events: SlaEvent[], sizes: number[]) {
  let offset = 0;
  for (let i = 0; offset < events.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    const response = await s.post(events.slice(offset, offset + size).map(toApiEvent));
    expect(response.status).toBe(200);
    offset += size;
  }
}

const shuffled = <T>(items: T[], keys: number[]) =>
  items
    .map((item, i) => ({ item, key: keys[i % keys.length] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ item }) => item);

describe("arrival order and duplicates do not change the results", () => {
  it("a twcs import equals the same events posted in any order, in any batches, with repeats", async () => {
    const imported = service();
    await importFile(imported.store, TWCS_SMALL, { clock: () => NOW });
    const expected = conversationsOf(imported);
    const report = await buildReport(imported.handle, {
      now: NOW,
      policies: imported.deps.config.policies,
      targetMs: imported.deps.config.targetMs,
    });
    const events = await readTwcsEvents(TWCS_SMALL);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { minLength: events.length, maxLength: events.length }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 5 }),
        async (keys, sizes, repeats) => {
          const posted = service();
          const order = shuffled(events, keys);
          await postInBatches(posted, [...order, ...repeats.map((i) => order[i] as SlaEvent)], sizes);
          expect(conversationsOf(posted)).toEqual(expected);
          const again = await buildReport(posted.handle, {
            now: NOW,
            policies: posted.deps.config.policies,
            targetMs: posted.deps.config.targetMs,
          });
          expect(again).toEqual(report);
          await posted.close();
          open.pop();
        },
      ),
      { numRuns: 25 },
    );
  });

  it("demo data with resolves, explicit thread ids and automated replies: any order gives the same conversations", async () => {
    const events = generateDemoEvents({ now: NOW, seed: 7, days: 5 });
    const inOrder = service();
    inOrder.store.write(events, NOW);
    const expected = conversationsOf(inOrder);
    expect(expected.length).toBeGreaterThan(50);
    for (const seed of [1, 2, 3]) {
      const keys = events.map((_, i) => (i * 7919 * seed) % 104729);
      const posted = service();
      await postInBatches(posted, shuffled(events, keys), [1, 17, 250]);
      expect(conversationsOf(posted)).toEqual(expected);
    }
  });
});
