import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql, TransactionRollbackError } from "drizzle-orm";
import { alertDeliveries, alerts, conversations } from "../../db/schema.js";
import type { AlertLevel } from "../domain/alerts.js";
import { clockColumns } from "./conversation-rows.js";
import type { NodeDb } from "./database.js";
import { digestColumns } from "./digest-columns.js";

export type NoticeLevel = AlertLevel | "answered_late";
export const FIRST_RESPONSE = "first_response";

export interface NewAlert {
  conversationId: string;
  /** The target clock: `first_response`, `resolution`, or a follow-up's `next_response@<start>`. */
  target: string;
  level: NoticeLevel;
  account: string;
  source: string;
  pointAt: number;
  recipients: string[];
}

export interface PendingDelivery {
  id: number;
  alertId: number;
  recipient: string;
  attempts: number;
  batchId: string | null;
  messageId: string | null;
  level: NoticeLevel;
  conversationId: string;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Alerts and their outbox on SQLite (drizzle); every write that must be atomic is one transaction. */
export class AlertStore {
  constructor(private readonly db: NodeDb) {}

  /**
   * Conversations with a clock running whose warning point has passed (`alert_from <= now`) and whose latest
   * deadline is not older than `since`, through the partial index of running clocks: the cost follows the
   * open work, not history.
   */
  runningConversations(since: number, now: number) {
    const c = conversations;
    return this.db
      .select({ id: c.id, policy: c.policy, policySet: c.policySet, ...clockColumns })
      .from(c)
      .where(and(gte(c.alertUntil, since), lte(c.alertFrom, now)))
      .all();
  }

  /** The alerts already raised for these conversations, every target. */
  raisedFor(conversationIds: readonly string[]) {
    return chunks(conversationIds).flatMap((ids) =>
      this.db
        .select({
          conversationId: alerts.conversationId,
          target: alerts.target,
          level: alerts.level,
          acknowledgedAt: alerts.acknowledgedAt,
        })
        .from(alerts)
        .where(inArray(alerts.conversationId, ids))
        .all(),
    );
  }

  /** First-response breaches raised since `since` whose conversation has been answered since, not yet told. */
  answeredAfterBreach(since: number) {
    const notice = sql`NOT EXISTS (SELECT 1 FROM alerts n WHERE n.conversation_id = ${alerts.conversationId}
      AND n.target = ${alerts.target} AND n.level = 'answered_late')`;
    return this.db
      .select({
        conversationId: alerts.conversationId,
        account: alerts.account,
        source: alerts.source,
        firstResponseAt: conversations.firstResponseAt,
      })
      .from(alerts)
      .innerJoin(conversations, eq(conversations.id, alerts.conversationId))
      .where(
        and(
          eq(alerts.level, "breach"),
          eq(alerts.target, FIRST_RESPONSE),
          gte(alerts.createdAt, since),
          sql`${conversations.firstResponseAt} IS NOT NULL`,
          sql`EXISTS (SELECT 1 FROM alert_deliveries s WHERE s.alert_id = ${alerts.id} AND s.status = 'sent')`,
          notice,
        ),
      )
      .all();
  }

  /** Inserts alerts with their deliveries; an alert already raised (same key) is skipped. Returns the new ones. */
  create(items: readonly NewAlert[], now: number): NewAlert[] {
    return this.db.transaction((tx) => {
      const created: NewAlert[] = [];
      for (const item of items) {
        const [row] = tx
          .insert(alerts)
          .values({
            conversationId: item.conversationId,
            target: item.target,
            level: item.level,
            account: item.account,
            source: item.source,
            pointAt: item.pointAt,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: alerts.id })
          .all();
        if (!row) continue;
        for (const recipient of item.recipients) {
          tx.insert(alertDeliveries)
            .values({ alertId: row.id, recipient, status: "pending", nextAttemptAt: now })
            .onConflictDoNothing()
            .run();
        }
        created.push(item);
      }
      return created;
    });
  }

  /** What an email says about each alert: the alert and its conversation as it stands now. */
  digestRows(alertIds: readonly number[]) {
    const c = conversations;
    return chunks(alertIds).flatMap((ids) =>
      this.db
        .select(digestColumns)
        .from(alerts)
        .leftJoin(c, eq(c.id, alerts.conversationId))
        .where(inArray(alerts.id, ids))
        .all(),
    );
  }

  /** Deliveries ready to try at `now`: pending, due, and not leased by a send in progress. */
  pending(now: number): PendingDelivery[] {
    const d = alertDeliveries;
    return this.db
      .select({
        id: d.id,
        alertId: d.alertId,
        recipient: d.recipient,
        attempts: d.attempts,
        batchId: d.batchId,
        messageId: d.messageId,
        level: alerts.level,
        conversationId: alerts.conversationId,
      })
      .from(d)
      .innerJoin(alerts, eq(alerts.id, d.alertId))
      .where(
        and(
          eq(d.status, "pending"),
          lte(d.nextAttemptAt, now),
          or(isNull(d.leaseUntil), lt(d.leaseUntil, now)),
        ),
      )
      .orderBy(asc(d.id))
      .all();
  }

  /** Claims deliveries for one send; false when another sender took any of them first. */
  claim(
    ids: readonly number[],
    batchId: string,
    messageId: string,
    leaseUntil: number,
    now: number,
  ): boolean {
    const d = alertDeliveries;
    try {
      this.db.transaction((tx) => {
        const result = tx
          .update(d)
          .set({ batchId, messageId, leaseUntil })
          .where(
            and(
              inArray(d.id, [...ids]),
              eq(d.status, "pending"),
              or(isNull(d.leaseUntil), lt(d.leaseUntil, now)),
            ),
          )
          .run();
        if (result.changes !== ids.length) tx.rollback();
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionRollbackError) return false;
      throw error;
    }
  }

  markSent(batchId: string, now: number): void {
    this.db
      .update(alertDeliveries)
      .set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null })
      .where(and(eq(alertDeliveries.batchId, batchId), eq(alertDeliveries.status, "pending")))
      .run();
  }

  /** Records a failed attempt: retried at `nextAttemptAt`, or `failed` for good after the last attempt. */
  markFailed(batchId: string, error: string, nextAttemptAt: number, maxAttempts: number): void {
    const d = alertDeliveries;
    this.db
      .update(d)
      .set({
        attempts: sql`${d.attempts} + 1`,
        status: sql`CASE WHEN ${d.attempts} + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
        nextAttemptAt,
        lastError: error,
        batchId: null,
        messageId: null,
        leaseUntil: null,
      })
      .where(and(eq(d.batchId, batchId), eq(d.status, "pending")))
      .run();
  }

  /** Delivery counts by status, for the status endpoint. */
  deliveryCounts(): Record<"pending" | "sent" | "failed", number> {
    const rows = this.db
      .select({ status: alertDeliveries.status, n: sql<number>`count(*)` })
      .from(alertDeliveries)
      .groupBy(alertDeliveries.status)
      .all();
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}
