import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/domain/metric-rollup.js";
import { statusLists } from "../../src/services/status-lists.js";
import { openDatabase, type SqliteHandle } from "../../src/storage/database.js";
import { BASE, conversationRow, store } from "../support/conversation-rows.js";

const open: SqliteHandle[] = [];
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
});

function database(rows: Parameters<typeof store>[1]) {
  const handle = openDatabase(":memory:");
  open.push(handle);
  store(handle, rows);
  return handle;
}

describe("status lists carried on to a later moment", () => {
  it("equal the lists read at that moment", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Half of them open (unanswered, unresolved), so the queues fill up.
        fc
          .array(conversationRow, { maxLength: 40 })
          .map((rows) =>
            rows.map((row, i) =>
              i % 2 === 0 ? { ...row, firstResponseAt: null, ttfrBusinessMs: null, resolvedAt: null } : row,
            ),
          ),
        fc.oneof(
          fc.integer({ min: -12 * DAY_MS, max: 12 * DAY_MS }),
          fc.integer({ min: 0, max: 2 * DAY_MS }),
        ),
        fc.oneof(fc.integer({ min: 0, max: 6 * 3_600_000 }), fc.integer({ min: 0, max: 3 * DAY_MS })),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(undefined, "a"),
        async (rows, first, later, limit, account) => {
          const filters = account ? { account } : {};
          const carried = database(rows);
          await statusLists(carried.db, "v", filters, BASE + first, limit);
          const fresh = database(rows);
          const now = BASE + first + later;
          const expected = await statusLists(fresh.db, "v", filters, now, limit);
          const actual = await statusLists(carried.db, "v", filters, now, limit);
          const ids = (lists: typeof expected) => ({
            breaching: lists.breaching.map((row) => row.id),
            dueNext: lists.dueNext.map((row) => row.id),
            followUps: lists.followUps.map((row) => row.id),
            answeredLate: lists.answeredLate.map((row) => `${row.id}@${row.firstResponseAt}`),
          });
          expect(ids(actual)).toEqual(ids(expected));
        },
      ),
      { numRuns: 400 },
    );
  });
});
