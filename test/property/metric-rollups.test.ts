import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/domain/metric-rollup.js";
import { measure } from "../../src/domain/metrics.js";
import { loadMetricRows } from "../../src/services/metrics.js";
import { windowMetrics } from "../../src/services/window-metrics.js";
import { openDatabase, type SqliteHandle } from "../../src/storage/database.js";

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 0, 1);
const open: SqliteHandle[] = [];
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
});

/** A stored conversation with arbitrary clocks around BASE (the fields the metrics read). */
const conversationRow = fc
  .record({
    start: fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }),
    dueIn: fc.integer({ min: 0, max: 6 * HOUR }),
    answerIn: fc.option(fc.integer({ min: 0, max: 12 * HOUR }), { nil: null }),
    lastIn: fc.integer({ min: 0, max: 5 * DAY_MS }),
    lastDirection: fc.constantFrom("inbound", "outbound"),
    resolvedIn: fc.option(fc.integer({ min: 0, max: 9 * DAY_MS }), { nil: null }),
    touches: fc.integer({ min: 0, max: 3 }),
    account: fc.constantFrom("a", "b"),
    source: fc.constantFrom("x", "email"),
    business: fc.option(fc.integer({ min: 0, max: 12 * HOUR }), { nil: null }),
    nextAnswered: fc.integer({ min: 0, max: 2 }),
    nextDueIn: fc.option(fc.integer({ min: 0, max: 6 * DAY_MS }), { nil: null }),
    resolutionDueIn: fc.option(fc.integer({ min: 0, max: 6 * DAY_MS }), { nil: null }),
  })
  .map((r) => {
    const startedAt = BASE + r.start;
    const firstResponseAt = r.answerIn === null ? null : startedAt + r.answerIn;
    return {
      startedAt,
      dueAt: startedAt + r.dueIn,
      firstResponseAt,
      lastAt: startedAt + r.lastIn,
      lastDirection: r.lastDirection,
      resolvedAt: r.resolvedIn === null ? null : startedAt + r.resolvedIn,
      touches: r.touches,
      account: r.account,
      source: r.source,
      ttfrBusinessMs: firstResponseAt === null ? null : r.business,
      nextAnswered: r.nextAnswered,
      nextWithin: Math.min(r.nextAnswered, 1),
      nextDueAt: r.nextDueIn === null ? null : startedAt + r.nextDueIn,
      resolutionDueAt: r.resolutionDueIn === null ? null : startedAt + r.resolutionDueIn,
    };
  });

type Row = typeof conversationRow extends fc.Arbitrary<infer T> ? T : never;

function store(handle: SqliteHandle, rows: Row[]) {
  const insert = handle.sqlite.prepare(
    `INSERT OR REPLACE INTO conversations (id, thread_id, source, first_message_id, customer, account,
       account_basis, mentions, started_at, due_at, first_response_at, ttfr_business_ms, next_answered,
       next_within, next_due_at, resolution_due_at, touches, message_count, last_at, last_direction, resolved_at)
     VALUES (@id, 1, @source, @id, 'c', @account, 'ingest', '  ', @startedAt, @dueAt, @firstResponseAt,
       @ttfrBusinessMs, @nextAnswered, @nextWithin, @nextDueAt, @resolutionDueAt, @touches, 1, @lastAt,
       @lastDirection, @resolvedAt)`,
  );
  for (const [i, row] of rows.entries()) insert.run({ ...row, id: `c${i}` });
}

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
