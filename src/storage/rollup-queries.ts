import { type SQL, sql } from "drizzle-orm";
import { type RollupCounts, ZERO_COUNTS } from "../domain/metric-rollup.js";
import type { MeasuredConversation } from "../domain/metrics.js";
import type { Db } from "./database.js";

/** Conversations started in `[from, to)` (whole days), optionally of one account and source. */
export interface RollupScope {
  from: number;
  to: number;
  account?: string;
  source?: string;
}

/** The two TTFR kinds of `ttfr_days`, with the expression its index `conversations_ttfr(_business)` is on. */
export const TTFR_KINDS = {
  clock: { kind: 0, value: sql.raw(`(first_response_at - started_at)`) },
  business: { kind: 1, value: sql.raw(`coalesce(ttfr_business_ms, first_response_at - started_at)`) },
} as const;
export type TtfrKind = keyof typeof TTFR_KINDS;

/**
 * The scope as a condition. The unary `+` keeps SQLite from reading the window through
 * `conversations_started` (every conversation of the window) where a small partial index names the few rows
 * wanted; without statistics the planner would otherwise prefer the range on the start.
 */
function scopeSql(scope: RollupScope): SQL {
  return matching(sql`+started_at >= ${scope.from} AND +started_at < ${scope.to}`, scope);
}

/** A range condition and the account and source filters, joined. */
function matching(range: SQL, filters: Pick<RollupScope, "account" | "source">): SQL {
  const parts = [range];
  if (filters.account) parts.push(sql`account = ${filters.account}`);
  if (filters.source) parts.push(sql`source = ${filters.source}`);
  return sql.join(parts, sql` AND `);
}

/** Whether any conversation of the filters started in `[from, to)` (read through `conversations_started`). */
export async function anyStarted(db: Db, scope: RollupScope): Promise<boolean> {
  const where = matching(sql`started_at >= ${scope.from} AND started_at < ${scope.to}`, scope);
  const row = await db.get<{ found: number }>(
    sql`SELECT 1 AS found FROM conversations WHERE ${where} LIMIT 1`,
  );
  // No row is undefined from better-sqlite3 and may be null from D1.
  return Boolean(row);
}

/** The settled counts of the days `[fromDay, toDay)`, summed. */
export async function rollupSums(
  db: Db,
  fromDay: number,
  toDay: number,
  filters: Pick<RollupScope, "account" | "source">,
): Promise<RollupCounts> {
  const where = matching(sql`day >= ${fromDay} AND day < ${toDay}`, filters);
  const row = await db.get<Record<keyof RollupCounts, number | null>>(sql`
    SELECT sum(conversations) AS conversations, sum(responded) AS responded,
      sum(within_target) AS withinTarget, sum(resolved) AS resolved, sum(fcr_resolved) AS fcrResolved,
      sum(next_answered) AS nextAnswered, sum(next_within) AS nextWithin, sum(next_overdue) AS nextOverdue,
      sum(resolution_due) AS resolutionDue, sum(resolution_within) AS resolutionWithin
    FROM conversation_days WHERE ${where}`);
  const counts = { ...ZERO_COUNTS };
  for (const key of Object.keys(counts) as Array<keyof RollupCounts>) counts[key] = Number(row?.[key] ?? 0);
  return counts;
}

/** Unanswered conversations whose first-response deadline is not past at `now` (not due yet). */
export async function notYetDue(db: Db, scope: RollupScope, now: number): Promise<number> {
  const where = scopeSql(scope);
  const rows = await db.all<{ n: number }>(sql`
    SELECT count(*) AS n FROM conversations
    WHERE first_response_at IS NULL AND resolved_at IS NULL AND due_at >= ${now} AND ${where}
    UNION ALL
    SELECT count(*) FROM conversations
    WHERE first_response_at IS NULL AND resolved_at IS NOT NULL AND due_at >= ${now} AND ${where}`);
  return rows.reduce((sum, row) => sum + Number(row.n), 0);
}

/**
 * Conversations that count as resolved once settled but not yet at `now` (the brand's last message is
 * less than `W` old, or an explicit resolve lies ahead), and how many of them with one touch.
 */
export async function notYetResolved(
  db: Db,
  scope: RollupScope,
  now: number,
  windowMs: number,
): Promise<{ resolved: number; fcr: number }> {
  const where = scopeSql(scope);
  const rows = await db.all<{ n: number; fcr: number | null }>(sql`
    SELECT count(*) AS n, sum(touches = 1) AS fcr FROM conversations
    WHERE last_direction = 'outbound' AND last_at > ${now - windowMs - 1}
      AND (resolved_at IS NULL OR resolved_at > ${now}) AND ${where}
    UNION ALL
    SELECT count(*), sum(touches = 1) FROM conversations
    WHERE last_direction = 'inbound' AND resolved_at IS NOT NULL AND resolved_at > ${now} AND ${where}`);
  let resolved = 0;
  let fcr = 0;
  for (const row of rows) {
    resolved += Number(row.n);
    fcr += Number(row.fcr ?? 0);
  }
  return { resolved, fcr };
}

/** The columns the metrics measure a conversation by, in SQL (aliases as in `clockColumns`). */
const MEASURED = sql.raw(
  `id, account, source, started_at AS startedAt, due_at AS dueAt, first_response_at AS firstResponseAt,
   last_at AS lastAt, last_direction AS lastDirection, resolved_at AS resolvedAt, next_answered AS nextAnswered,
   next_within AS nextWithin, next_pending_since AS nextPendingSince, next_due_at AS nextDueAt,
   resolution_due_at AS resolutionDueAt, ttfr_business_ms AS ttfrBusinessMs, touches`,
);

export type MeasuredRow = MeasuredConversation & { id: string; account: string; source: string };

/**
 * Conversations with a follow-up or resolution target that are not settled at `now` (a deadline ahead,
 * a resolution ahead, or a resolution outcome that depends on `W`): measured one by one.
 */
export async function unsettledWithTargets(
  db: Db,
  scope: RollupScope,
  now: number,
  windowMs: number,
): Promise<MeasuredRow[]> {
  const where = scopeSql(scope);
  const targets = sql`(next_due_at IS NOT NULL OR resolution_due_at IS NOT NULL)`;
  const queries = [
    sql`next_due_at >= ${now}`,
    sql`resolution_due_at IS NOT NULL AND resolution_due_at >= ${now}`,
    sql`last_direction = 'outbound' AND last_at > ${now - windowMs - 1}
      AND (resolved_at IS NULL OR resolved_at > ${now}) AND ${targets}`,
    sql`last_direction = 'inbound' AND resolved_at IS NOT NULL AND resolved_at > ${now} AND ${targets}`,
    sql`resolution_due_at IS NOT NULL AND last_direction = 'outbound' AND resolved_at > resolution_due_at
      AND last_at <= resolution_due_at`,
  ];
  const byId = new Map<string, MeasuredRow>();
  for (const condition of queries) {
    const rows = await db.all<MeasuredRow>(
      sql`SELECT ${MEASURED} FROM conversations WHERE ${condition} AND ${where}`,
    );
    for (const row of rows) byId.set(row.id, row);
  }
  return [...byId.values()];
}

/** The TTFR histogram of the days `[fromDay, toDay)`: count per bucket lower bound. */
export async function ttfrHistogram(
  db: Db,
  kind: TtfrKind,
  fromDay: number,
  toDay: number,
): Promise<Map<number, number>> {
  const rows = await db.all<{ lower: number; n: number }>(sql`
    SELECT lower_ms AS lower, sum(count) AS n FROM ttfr_days
    WHERE kind = ${TTFR_KINDS[kind].kind} AND day >= ${fromDay} AND day < ${toDay}
    GROUP BY lower_ms`);
  return new Map(rows.map((row) => [Number(row.lower), Number(row.n)]));
}

/** The TTFR bucket lower bounds, ascending. */
export async function ttfrBucketBounds(db: Db): Promise<number[]> {
  const rows = await db.all<{ lower: number }>(
    sql`SELECT lower_ms AS lower FROM ttfr_buckets ORDER BY lower_ms`,
  );
  return rows.map((row) => Number(row.lower));
}

/**
 * The `offset`-th (0-based) smallest TTFR in `[lower, upper)` of the scope, or every such value when
 * `offset` is null: read in order from the TTFR index.
 */
export async function ttfrValuesInBucket(
  db: Db,
  kind: TtfrKind,
  scope: RollupScope,
  lower: number,
  upper: number | null,
  offset: number | null,
): Promise<number[]> {
  const value = TTFR_KINDS[kind].value;
  const below = upper === null ? sql`` : sql` AND ${value} < ${upper}`;
  const page = offset === null ? sql`` : sql` LIMIT 1 OFFSET ${offset}`;
  const rows = await db.all<{ v: number }>(sql`
    SELECT ${value} AS v FROM conversations
    WHERE first_response_at IS NOT NULL AND ${value} >= ${lower}${below} AND ${scopeSql(scope)}
    ORDER BY ${value}${page}`);
  return rows.map((row) => Number(row.v));
}

/** Every TTFR of the scope (for a scope of one account or source, which the histogram does not split). */
export async function ttfrValues(db: Db, kind: TtfrKind, scope: RollupScope): Promise<number[]> {
  const value = TTFR_KINDS[kind].value;
  const rows = await db.all<{ v: number }>(sql`
    SELECT ${value} AS v FROM conversations WHERE first_response_at IS NOT NULL AND ${scopeSql(scope)}`);
  return rows.map((row) => Number(row.v));
}

/** The earliest and latest start stored, for a window left open at one end. */
export async function startBounds(db: Db): Promise<{ min: number | null; max: number | null }> {
  const row = await db.get<{ min: number | null; max: number | null }>(
    sql`SELECT min(started_at) AS min, max(started_at) AS max FROM conversations`,
  );
  return { min: row?.min ?? null, max: row?.max ?? null };
}
