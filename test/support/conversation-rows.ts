import fc from "fast-check";
import { DAY_MS } from "../../src/domain/metric-rollup.js";
import type { SqliteHandle } from "../../src/storage/database.js";

const HOUR = 3_600_000;
export const BASE = Date.UTC(2026, 0, 1);

/** A stored conversation with arbitrary clocks around BASE (the fields the metrics read). */
export const conversationRow = fc
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

export type Row = typeof conversationRow extends fc.Arbitrary<infer T> ? T : never;

export function store(handle: SqliteHandle, rows: Row[]) {
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
