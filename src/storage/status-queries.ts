import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import { conversations, openCounts } from "../../db/schema.js";
import type { Db } from "./database.js";

/** Which filters a status request has (each variant is prepared once). */
export interface StatusFilters {
  account?: string;
  source?: string;
}

const c = conversations;
const p = sql.placeholder;

/**
 * The status's queries, built and prepared once per database and filter variant: agents poll the status
 * many times a second, and building and preparing eight statements cost more than running them.
 */
function prepareStatus(db: Db, filtered: { account: boolean; source: boolean }) {
  const scope = (...conditions: Array<SQL | undefined>) =>
    and(
      ...conditions,
      filtered.account ? eq(c.account, p("account")) : undefined,
      filtered.source ? eq(c.source, p("source")) : undefined,
    );
  const openWork = [isNull(c.firstResponseAt), isNull(c.resolvedAt)];
  // What every list of the status shows of a conversation.
  const listed = {
    id: c.id,
    source: c.source,
    account: c.account,
    customer: c.customer,
    excerpt: c.excerpt,
    policy: c.policy,
  };
  const queue = (where?: SQL) =>
    db
      .select({
        ...listed,
        startedAt: c.startedAt,
        dueAt: c.dueAt,
        warnAt: c.warnAt,
        messages: c.messageCount,
      })
      .from(c)
      .where(scope(...openWork, where))
      .orderBy(asc(c.dueAt), asc(c.id))
      .limit(p("limit"))
      .prepare();
  const followUpWhere = scope(isNotNull(c.nextDueAt), isNull(c.resolvedAt));
  return {
    // The open count is kept by triggers (open_counts); only the open work not due yet, a short range of
    // `conversations_open_due`, is counted, with its warning points.
    openCount: db
      .select({ n: sql<number>`coalesce(sum(${openCounts.n}), 0)` })
      .from(openCounts)
      .where(
        and(
          filtered.account ? eq(openCounts.account, p("account")) : undefined,
          filtered.source ? eq(openCounts.source, p("source")) : undefined,
        ),
      )
      .prepare(),
    notDueCounts: db
      .select({ n: count(), atRisk: sql<number>`coalesce(sum(${c.warnAt} <= ${p("now")}), 0)` })
      .from(c)
      .where(scope(...openWork, gte(c.dueAt, p("now"))))
      .prepare(),
    // The open work by due time whatever `now`: its first rows due before `now` are the breaching queue.
    openFirst: queue(),
    breaching: queue(lt(c.dueAt, p("now"))),
    dueNext: queue(gte(c.dueAt, p("now"))),
    followUpCounts: db
      .select({ waiting: count(), breaching: sql<number>`coalesce(sum(${c.nextDueAt} < ${p("now")}), 0)` })
      .from(c)
      .where(followUpWhere)
      .prepare(),
    followUps: db
      .select({
        ...listed,
        since: c.nextPendingSince,
        dueAt: c.nextDueAt,
      })
      .from(c)
      .where(followUpWhere)
      .orderBy(asc(c.nextDueAt), asc(c.id))
      .limit(p("limit"))
      .prepare(),
    // Answered in the last day but after the deadline (started within the last 7 days).
    answeredLate: db
      .select({
        id: c.id,
        account: c.account,
        source: c.source,
        customer: c.customer,
        startedAt: c.startedAt,
        dueAt: c.dueAt,
        firstResponseAt: c.firstResponseAt,
      })
      .from(c)
      .where(
        scope(
          gte(c.startedAt, p("startedFrom")),
          sql`${c.firstResponseAt} > ${c.dueAt} AND ${c.firstResponseAt} >= ${p("answeredFrom")}`,
        ),
      )
      .orderBy(desc(c.firstResponseAt))
      .limit(p("limit"))
      .prepare(),
  };
}

export type StatusStatements = ReturnType<typeof prepareStatus>;

const prepared = new WeakMap<Db, Map<string, StatusStatements>>();

/** The prepared status queries for these filters (values go in as `account`, `source`, `now`, `limit`...). */
export function statusStatements(db: Db, filters: StatusFilters): StatusStatements {
  const variant = { account: Boolean(filters.account), source: Boolean(filters.source) };
  const key = `${variant.account}:${variant.source}`;
  let byVariant = prepared.get(db);
  if (!byVariant) {
    byVariant = new Map();
    prepared.set(db, byVariant);
  }
  let statements = byVariant.get(key);
  if (!statements) {
    statements = prepareStatus(db, variant);
    byVariant.set(key, statements);
  }
  return statements;
}
