import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { AlertStore } from "../../src/storage/alert-store.js";
import { openDatabase } from "../../src/storage/database.js";

const handle = openDatabase(":memory:");
afterAll(() => handle.close());

const insertConversation = handle.sqlite.prepare(
  `INSERT INTO conversations (id, thread_id, source, first_message_id, customer, account, account_basis,
     mentions, started_at, due_at, touches, message_count, last_at, last_direction, alert_from, alert_until)
   VALUES (?, 1, 'x', ?, 'c', 'AcmeHelp', 'ingest', '  ', 0, 10, 0, 1, 0, 'inbound', ?, ?)`,
);

/** A conversation with no clock running, or one whose clocks warn from `from` and end by `until`. */
const conversation = fc.oneof(
  fc.constant({ from: null, until: null }),
  fc
    .record({ from: fc.integer({ min: 0, max: 100 }), span: fc.integer({ min: 0, max: 100 }) })
    .map(({ from, span }) => ({ from, until: from + span })),
);

async function readAll(store: AlertStore, since: number, now: number): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of store.runningConversationPages(since, now)) pages.push(page.map((row) => row.id));
  return pages;
}

describe("the running clocks read for the alert decision", () => {
  it("are every conversation warned by now and not older than the horizon, each once, on any page size", async () => {
    const cases = fc.record({
      list: fc.array(conversation, { maxLength: 40 }),
      since: fc.integer({ min: 0, max: 150 }),
      now: fc.integer({ min: 0, max: 150 }),
      pageSize: fc.integer({ min: 1, max: 7 }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ list, since, now, pageSize }) => {
        handle.sqlite.exec("DELETE FROM conversations;");
        list.forEach((c, n) => {
          insertConversation.run(`x:${n}`, String(n), c.from, c.until);
        });
        const pages = await readAll(new AlertStore(handle, pageSize), since, now);
        const expected = list
          .map((c, n) => ({ ...c, id: `x:${n}` }))
          .filter((c) => c.until !== null && c.from !== null && c.until >= since && c.from <= now)
          .map((c) => c.id);
        expect(pages.flat().sort()).toEqual(expected.sort());
        for (const page of pages) {
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(pageSize);
        }
      }),
      { numRuns: 300 },
    );
  });
});
