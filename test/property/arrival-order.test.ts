import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { FUZZ_NOW } from "../support/arbitraries.js";
import { createTestService } from "../support/test-service.js";
import { threadedEvents } from "../support/thread-arbitraries.js";

type Service = ReturnType<typeof createTestService>;

/**
 * A few seconds here; a shared CI machine once took over 30 s for the 100 runs of the first property, so
 * each property gets more room than the suite's default (a failing run still fails at once).
 */
const PROPERTY_TIMEOUT_MS = 120_000;
const open: Service[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

function service(env: Record<string, string> = {}): Service {
  const created = createTestService({ SLA_RATE_LIMIT: "off", SLA_LOG_LEVEL: "silent", ...env }, FUZZ_NOW);
  open.push(created);
  return created;
}

/** Closes the services of one run (only those: a run of a property that timed out must not close another's). */
async function closeAll(...services: Service[]) {
  for (const s of services) {
    open.splice(open.indexOf(s), 1);
    await s.close();
  }
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

/** Policies that exercise every clock: a business calendar, follow-ups, resolution, automated responses. */
const POLICIES = `calendars:
  office:
    zone: America/New_York
    hours:
      mon: ["08:00-12:00", "13:00-18:00"]
      tue: ["08:00-18:00"]
      wed: ["08:00-18:00"]
      thu: ["08:00-18:00"]
      fri: ["08:00-16:00"]
      sat: ["10:00-14:00"]
policies:
  - name: zed
    match: { accounts: [zedcare] }
    calendar: office
    targets:
      first_response: 3h
      next_response: 1h
      resolution: 1d
    responses: { automated: true }
  - name: x-posts
    match: { sources: [x] }
    targets: { first_response: 30m, next_response: 2h }
`;

function policiesFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "sla-order-")), "sla.yaml");
  writeFileSync(file, POLICIES);
  return file;
}

describe("arrival order and repeated deliveries never change a result", () => {
  it.each([
    { name: "the default policy", env: () => ({}), runs: 100 },
    {
      name: "policies with a business calendar and every target",
      env: () => ({ SLA_CONFIG: policiesFile() }),
      runs: 40,
    },
  ])(
    "any permutation and duplication of random threads gives the same conversations and metrics: $name",
    async ({ env, runs }) => {
      const settings = env();
      await fc.assert(
        fc.asyncProperty(
          threadedEvents,
          fc.array(fc.integer()),
          fc.array(fc.nat()),
          fc.integer({ min: 1, max: 7 }),
          async (events, keys, repeats, batch) => {
            const inOrder = service(settings);
            await postInBatches(inOrder, events, events.length);
            const shuffled = events
              .map((event, i) => ({ event, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
              .sort((a, b) => a.key - b.key || b.i - a.i)
              .map(({ event }) => event);
            const duplicated = [...shuffled, ...repeats.map((r) => shuffled[r % shuffled.length])];
            const posted = service(settings);
            await postInBatches(posted, duplicated, batch);
            expect(conversationsOf(posted)).toEqual(conversationsOf(inOrder));
            expect(await figures(posted)).toEqual(await figures(inOrder));
            await closeAll(inOrder, posted);
          },
        ),
        { numRuns: runs },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("events at the end of stored threads (carried on without reading the thread again)", () => {
  it(
    "give the conversations and metrics of the whole thread derived at once",
    async () => {
      await fc.assert(
        fc.asyncProperty(threadedEvents, fc.integer({ min: 1, max: 3 }), async (events, batch) => {
          const time = (event: Record<string, unknown>) => Date.parse(String(event.at));
          const inTimeOrder = events
            .map((event, i) => ({ event, i }))
            .sort((a, b) => time(a.event) - time(b.event) || a.i - b.i)
            .map(({ event }) => event);
          const whole = service({ SLA_CONFIG: policiesFile() });
          await postInBatches(whole, events, events.length);
          const oneByOne = service({ SLA_CONFIG: policiesFile() });
          await postInBatches(oneByOne, inTimeOrder, batch);
          expect(conversationsOf(oneByOne)).toEqual(conversationsOf(whole));
          expect(await figures(oneByOne)).toEqual(await figures(whole));
          await closeAll(whole, oneByOne);
        }),
        { numRuns: 60 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
