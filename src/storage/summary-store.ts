import { and, eq, gte, isNull, lt, or } from "drizzle-orm";
import { alerts, conversations, dailySummaries } from "../../db/schema.js";
import type { NodeDb } from "./database.js";
import { digestColumns } from "./digest-columns.js";

/** Daily summary emails: one row per local day, written before sending, claimed with a lease. */
export class SummaryStore {
  constructor(private readonly db: NodeDb) {}

  /** Records that the summary of `day` is owed; false when it already was. */
  create(day: string, recipients: string[], messageId: string, now: number): boolean {
    const result = this.db
      .insert(dailySummaries)
      .values({
        day,
        recipients: recipients.join(","),
        status: "pending",
        nextAttemptAt: now,
        messageId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  }

  /** Summaries ready to send at `now`. */
  pending(now: number) {
    const s = dailySummaries;
    return this.db
      .select()
      .from(s)
      .where(
        and(
          eq(s.status, "pending"),
          lt(s.nextAttemptAt, now + 1),
          or(isNull(s.leaseUntil), lt(s.leaseUntil, now)),
        ),
      )
      .all();
  }

  claim(day: string, leaseUntil: number, now: number): boolean {
    const s = dailySummaries;
    const result = this.db
      .update(s)
      .set({ leaseUntil })
      .where(and(eq(s.day, day), eq(s.status, "pending"), or(isNull(s.leaseUntil), lt(s.leaseUntil, now))))
      .run();
    return result.changes === 1;
  }

  markSent(day: string, now: number): void {
    this.db
      .update(dailySummaries)
      .set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null })
      .where(eq(dailySummaries.day, day))
      .run();
  }

  markFailed(day: string, attempts: number, error: string, nextAttemptAt: number, maxAttempts: number): void {
    this.db
      .update(dailySummaries)
      .set({
        attempts,
        status: attempts >= maxAttempts ? "failed" : "pending",
        lastError: error,
        nextAttemptAt,
        leaseUntil: null,
      })
      .where(eq(dailySummaries.day, day))
      .run();
  }

  /** The breaches whose due time fell in `[from, to)`, with their conversations as they stand now. */
  breachesBetween(from: number, to: number) {
    return this.db
      .select(digestColumns)
      .from(alerts)
      .leftJoin(conversations, eq(conversations.id, alerts.conversationId))
      .where(and(eq(alerts.level, "breach"), gte(alerts.pointAt, from), lt(alerts.pointAt, to)))
      .all();
  }
}
