import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alertDeliveries, alerts } from "../../db/schema.js";
import type { NoticeLevel } from "./alert-store.js";
import type { Db } from "./database.js";

/** Alerts, newest first, with their delivery state. */
export async function listAlerts(
  db: Db,
  filter: {
    status?: "pending" | "sent" | "failed";
    level?: NoticeLevel;
    account?: string;
    limit: number;
  },
) {
  const d = alertDeliveries;
  const state = sql<string>`CASE
    WHEN sum(${d.status} = 'failed') > 0 THEN 'failed'
    WHEN sum(${d.status} = 'pending') > 0 THEN 'pending'
    WHEN count(${d.id}) = 0 THEN 'recorded'
    ELSE 'sent' END`;
  const where: Array<SQL | undefined> = [
    filter.level ? eq(alerts.level, filter.level) : undefined,
    filter.account ? eq(alerts.account, filter.account) : undefined,
  ];
  const query = db
    .select({
      id: alerts.id,
      conversationId: alerts.conversationId,
      target: alerts.target,
      level: alerts.level,
      account: alerts.account,
      source: alerts.source,
      pointAt: alerts.pointAt,
      createdAt: alerts.createdAt,
      acknowledgedAt: alerts.acknowledgedAt,
      acknowledgedBy: alerts.acknowledgedBy,
      status: state,
      recipients: sql<string>`group_concat(${d.recipient}, ',')`,
      attempts: sql<number>`coalesce(max(${d.attempts}), 0)`,
      lastError: sql<string | null>`max(${d.lastError})`,
      sentAt: sql<number | null>`max(${d.sentAt})`,
    })
    .from(alerts)
    .leftJoin(d, eq(d.alertId, alerts.id))
    .where(and(...where))
    .groupBy(alerts.id)
    .orderBy(desc(alerts.createdAt), desc(alerts.id));
  const rows = filter.status ? query.having(sql`${state} = ${filter.status}`) : query;
  return await rows.limit(filter.limit).all();
}

export async function findAlert(db: Db, id: number) {
  return (await db.select().from(alerts).where(eq(alerts.id, id)).get()) ?? null;
}

/**
 * Acknowledges a conversation's breach (what stops its escalation); the first acknowledgement is kept.
 * Returns the breach alert as stored.
 */
export async function acknowledgeBreach(
  db: Db,
  conversationId: string,
  target: string,
  by: string,
  now: number,
) {
  const breach = and(
    eq(alerts.conversationId, conversationId),
    eq(alerts.target, target),
    eq(alerts.level, "breach"),
  );
  await db
    .update(alerts)
    .set({ acknowledgedAt: now, acknowledgedBy: by })
    .where(and(breach, isNull(alerts.acknowledgedAt)))
    .run();
  return (await db.select().from(alerts).where(breach).get()) ?? null;
}
