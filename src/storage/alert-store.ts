import type Database from "better-sqlite3";
import { and, eq, sql } from "drizzle-orm";
import { alertDeliveries } from "../../db/schema.js";
import type { AlertLevel } from "../domain/alerts.js";
import type { TargetFacts } from "../domain/target-status.js";
import { prepareAlertStatements } from "./alert-statements.js";
import type { NodeDb } from "./database.js";
import type { DigestRow } from "./digest-columns.js";
import { pacer } from "./pacer.js";

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

/** A conversation with a clock running, as the alert decision reads it. */
export interface RunningConversation extends TargetFacts {
  id: string;
  account: string;
  source: string;
  /** The policy it was measured with: its name and the policy set of that time. */
  policy: string;
  policySet: number;
}

/** Deliveries to send together: a new batch for a recipient, or a batch an interrupted send left claimed. */
export interface ReadyBatch {
  /** Set when the batch was claimed before: it is sent again under the same batch id and Message-ID. */
  batchId: string | null;
  messageId: string | null;
  recipient: string;
}

/** A batch to claim: a new one for `recipient`, or (`resumed`) one an interrupted send left claimed. */
export interface BatchClaim {
  batchId: string;
  messageId: string;
  recipient: string;
  resumed: boolean;
}

/** One delivery of a claimed batch with what its email says about the alert (see `toDigestItem`). */
export interface BatchDelivery extends DigestRow {
  id: number;
  attempts: number;
}

/** The store handles it works on: drizzle for the rest, the raw connection for the cycle's hot paths. */
export interface AlertStoreHandle {
  db: NodeDb;
  sqlite: Database.Database;
}

// Rows per page or per write: each page is a few milliseconds of work. Under an alert storm with ingest
// running, pages four times these sizes measured 50-70 ms each (a chunk of created alerts, a page of a
// batch), and the requests that arrived meanwhile waited that long.
const PAGE = 500;
const CLAIM_CHUNK = 500;
const BATCH_PAGE = 250;
/** Above every epoch-ms time and row id: the open end of the last key range. */
const END = Number.MAX_SAFE_INTEGER;

/**
 * Alerts and their outbox on SQLite; every write that must be atomic is one transaction. What grows with
 * the open queue or with a batch (reading the queue, claiming and reading a batch) goes page by page and
 * awaits a turn of the event loop between pages, so a flood of alerts never holds up requests for long.
 */
export class AlertStore {
  private readonly db: NodeDb;
  private readonly sqlite: Database.Database;
  private readonly q;
  private countDeliveries: ReturnType<AlertStore["prepareDeliveryCounts"]> | undefined;

  /** `pageSize`: rows per page of the running clocks. */
  constructor(
    handle: AlertStoreHandle,
    private readonly pageSize = PAGE,
  ) {
    this.db = handle.db;
    this.sqlite = handle.sqlite;
    this.q = prepareAlertStatements(handle.sqlite);
  }

  /**
   * Conversations with a clock running whose warning point has passed (`alert_from <= now`) and whose latest
   * deadline is not older than `since`, a page at a time, through the partial index of running clocks (the
   * cost follows the open work, not history). The index is read in key ranges of a bounded number of
   * conversations, and a page holds those of one range whose warning point has passed (none are yielded
   * empty); the store awaits a turn of the event loop between ranges. Each range's settled conversations
   * (`settle`) leave the index as it is read, so later cycles pass over them no more.
   */
  async *runningConversationPages(since: number, now: number): AsyncGenerator<RunningConversation[]> {
    // Before every conversation whose latest deadline is `since` (row ids are positive).
    let after = { until: since, rowId: 0 };
    const pause = pacer();
    for (;;) {
      const end = this.q.runningPageEnd.get({
        afterUntil: after.until,
        afterRow: after.rowId,
        skip: this.pageSize - 1,
      }) as { until: number; rowId: number } | undefined;
      const range = {
        afterUntil: after.until,
        afterRow: after.rowId,
        endUntil: end?.until ?? END,
        endRow: end?.rowId ?? END,
        now,
      };
      const page = this.q.runningConversations.all(range) as RunningConversation[];
      this.q.settle.run(range);
      if (page.length > 0) yield page;
      if (!end) return;
      after = end;
      await pause();
    }
  }

  /** The alerts already raised for these conversations, every target. */
  raisedFor(conversationIds: readonly string[]) {
    if (conversationIds.length === 0) return [];
    return this.q.raisedFor.all({ ids: JSON.stringify(conversationIds) }) as Array<{
      conversationId: string;
      target: string;
      level: NoticeLevel;
      acknowledgedAt: number | null;
    }>;
  }

  /** First-response breaches raised since `since` whose conversation has been answered since, not yet told. */
  async answeredAfterBreach(since: number) {
    return this.q.answeredLate.all({ since }) as Array<{
      conversationId: string;
      account: string;
      source: string;
      firstResponseAt: number;
    }>;
  }

  /** Inserts alerts with their deliveries; an alert already raised (same key) is skipped. Returns the new ones. */
  create(items: readonly NewAlert[], now: number): NewAlert[] {
    return this.sqlite.transaction(() => {
      const created: NewAlert[] = [];
      for (const item of items) {
        const row = this.q.insertAlert.get({
          conversationId: item.conversationId,
          target: item.target,
          level: item.level,
          account: item.account,
          source: item.source,
          pointAt: item.pointAt,
          createdAt: now,
        }) as { id: number } | undefined;
        if (!row) continue;
        for (const recipient of item.recipients) this.q.insertDelivery.run(row.id, recipient, now);
        created.push(item);
      }
      return created;
    })();
  }

  /** Deliveries ready to try at `now` (pending, due, not leased by a send in progress), as they are to be sent. */
  readyBatches(now: number): ReadyBatch[] {
    return (this.q.readyBatches.all({ now }) as Array<ReadyBatch & { firstId: number }>).map(
      ({ batchId, messageId, recipient }) => ({ batchId, messageId, recipient }),
    );
  }

  /**
   * Claims a batch for one send (its batch id, Message-ID and a lease until `leaseUntil`): for a new batch,
   * every ready and unclaimed delivery of its recipient; for a batch left claimed, its deliveries whose
   * lease has run out. In chunks, each one statement: deliveries another sender holds are never taken, and
   * a crash part-way leaves a smaller claimed batch, sent like any other after its lease. Returns how many
   * deliveries were claimed (0: another sender has them).
   */
  async claim(batch: BatchClaim, leaseUntil: number, now: number): Promise<number> {
    let claimed = 0;
    const pause = pacer();
    let after = { at: Number.MIN_SAFE_INTEGER, id: 0 };
    for (;;) {
      const chunk = { batchId: batch.batchId, leaseUntil, now, afterId: after.id, limit: CLAIM_CHUNK };
      const rows = (
        batch.resumed
          ? this.q.claimExpired.all(chunk)
          : this.q.claimNew.all({
              ...chunk,
              messageId: batch.messageId,
              recipient: batch.recipient,
              afterAt: after.at,
            })
      ) as Array<{ at: number; id: number }>;
      claimed += rows.length;
      if (rows.length < CLAIM_CHUNK) return claimed;
      // The next chunk starts after the greatest key claimed: (next attempt, id) for a new batch, id for a left one.
      after = rows.reduce((a, b) => {
        const later = batch.resumed ? b.id > a.id : b.at > a.at || (b.at === a.at && b.id > a.id);
        return later ? b : a;
      });
      await pause();
    }
  }

  /** The deliveries of a claimed batch in pages, each with its alert and conversation. */
  async *batchPages(batchId: string): AsyncGenerator<BatchDelivery[]> {
    let afterId = 0;
    const pause = pacer();
    for (;;) {
      const page = this.q.batchPage.all({ batchId, afterId, limit: BATCH_PAGE }) as BatchDelivery[];
      const last = page.at(-1);
      if (last) yield page;
      if (!last || page.length < BATCH_PAGE) return;
      afterId = last.id;
      await pause();
    }
  }

  /** Deliveries waiting (for a retry, or claimed by a send in progress). */
  pendingCount(): number {
    return this.q.pendingCount.get() as number;
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

  private prepareDeliveryCounts() {
    return this.db
      .select({ status: alertDeliveries.status, n: sql<number>`count(*)` })
      .from(alertDeliveries)
      .groupBy(alertDeliveries.status)
      .prepare();
  }

  /** Delivery counts by status, for the status endpoint. */
  deliveryCounts(): Record<"pending" | "sent" | "failed", number> {
    // Prepared once: the status asks on every request.
    this.countDeliveries ??= this.prepareDeliveryCounts();
    const rows = this.countDeliveries.all();
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}
