import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/domain/metric-rollup.js";
import { measure } from "../../src/domain/metrics.js";
import { loadMetricRows } from "../../src/services/metrics.js";
import { windowMetrics } from "../../src/services/window-metrics.js";
import { openDatabase, type SqliteHandle } from "../../src/storage/database.js";
import { BASE, conversationRow, store } from "../support/conversation-rows.js";

const open: SqliteHandle[] = [];
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
});

const offset = fc.integer({ min: -12 * DAY_MS, max: 12 * DAY_MS });

describe("metrics from the daily rollups, and the open counts", () => {
  it("equal measuring every conversation, at any now, for any window and filter, after rewrites", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(conversationRow, { maxLength: 60 }),
        fc.array(conversationRow, { maxLength: 20 }),
        fc.record({
          now: offset,
          from: fc.option(offset, { nil: undefined }),
          to: fc.option(offset, { nil: undefined }),
          window: fc.constantFrom(DAY_MS, 3 * DAY_MS),
          account: fc.constantFrom(undefined, "a"),
          source: fc.constantFrom(undefined, "x"),
          wholeDays: fc.boolean(),
        }),
        async (rows, rewrites, q) => {
          const handle = openDatabase(":memory:");
          open.push(handle);
          store(handle, rows);
          // Replaced and deleted rows must leave the rollups exact.
          store(handle, rewrites);
          handle.sqlite.prepare("DELETE FROM conversations WHERE id = 'c3'").run();
          handle.sqlite
            .prepare("UPDATE conversations SET touches = 1, resolved_at = NULL WHERE id = 'c4'")
            .run();
          const day = (ms: number) => (q.wholeDays ? Math.floor(ms / DAY_MS) * DAY_MS : ms);
          const query = {
            now: BASE + q.now,
            ...(q.from !== undefined ? { from: day(BASE + q.from) } : {}),
            ...(q.to !== undefined ? { to: day(BASE + q.to) } : {}),
            ...(q.account ? { account: q.account } : {}),
            ...(q.source ? { source: q.source } : {}),
          };
          const expected = measure(await loadMetricRows(handle.db, query), {
            now: query.now,
            windowMs: q.window,
          });
          const actual = await windowMetrics(handle.db, q.window, query, (range) =>
            loadMetricRows(handle.db, range),
          );
          expect(actual).toEqual(expected);
          const kept = handle.sqlite
            .prepare("SELECT account, source, n FROM open_counts WHERE n <> 0 ORDER BY 1, 2")
            .all();
          const counted = handle.sqlite
            .prepare(
              `SELECT account, source, count(*) AS n FROM conversations
               WHERE first_response_at IS NULL AND resolved_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
            )
            .all();
          expect(kept).toEqual(counted);
        },
      ),
      { numRuns: 300 },
    );
  });
});
