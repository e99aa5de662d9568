import { and, eq, gte, isNull, lt, or } from "drizzle-orm";
import { alerts, conversations, dailySummaries } from "../../db/schema.js";
import type { Db } from "./database.js";
import { digestColumns } from "./digest-columns.js";

/** Rows a write changed: better-sqlite3 says `changes`, D1 `meta.changes`. */
function changes(result: unknown): number {
  const r = result as { changes?: number; meta?: { changes?: number } };
  return r.changes ?? r.meta?.changes ?? 0;
}

/**
 * Daily summary emails: one row per local day, written before sending, claimed with a lease. Each write is
 * one statement, so the store runs on either runtime's database.
 */
export class SummaryStore {
  constructor(private readonly db: Db) {}

  /** Records that the summary of `day` is owed; false when it already was. */
  async create(day: string, recipients: string[], messageId: string, now: number): Promise<boolean> {
    const result = await this.db
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
    return changes(result) > 0;
  }

  /** Summaries ready to send at `now`. */
  async pending(now: number) {
    const s = dailySummaries;
    return await this.db
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

  async claim(day: string, leaseUntil: number, now: number): Promise<boolean> {
    const s = dailySummaries;
    const result = await this.db
      .update(s)
      .set({ leaseUntil })
      .where(and(eq(s.day, day), eq(s.status, "pending"), or(isNull(s.leaseUntil), lt(s.leaseUntil, now))))
      .run();
    return changes(result) === 1;
  }

  async markSent(day: string, now: number): Promise<void> {
    await this.db
      .update(dailySummaries)
      .set({ status: "sent", sentAt: now, leaseUntil: null, lastError: null })
      .where(eq(dailySummaries.day, day))
      .run();
  }

  async markFailed(
    day: string,
    attempts: number,
    error: string,
    nextAttemptAt: number,
    maxAttempts: number,
  ): Promise<void> {
    await this.db
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
  async breachesBetween(from: number, to: number) {
    return await this.db
      .select(digestColumns)
      .from(alerts)
      .leftJoin(conversations, eq(conversations.id, alerts.conversationId))
      .where(and(eq(alerts.level, "breach"), gte(alerts.pointAt, from), lt(alerts.pointAt, to)))
      .all();
  }
}
