import { ALERT_SQL, type AlertStatement } from "../alert-statements.js";
import type {
  BatchClaim,
  BatchDelivery,
  NewAlert,
  NoticeLevel,
  ReadyBatch,
  RunningConversation,
} from "../alert-store.js";
import type { D1Client } from "./d1-client.js";
import { type PositionalSql, positionalValues, toPositional } from "./named-params.js";

const PAGE = 500;
const CLAIM_CHUNK = 500;
const END = Number.MAX_SAFE_INTEGER;

const positional = Object.fromEntries(
  Object.entries(ALERT_SQL).map(([name, sql]) => [name, toPositional(sql)]),
) as Record<AlertStatement, PositionalSql>;

/**
 * New alerts and their deliveries as two statements of one batch, each over a JSON array: an alert already
 * raised (same key) is skipped, and deliveries are added only to the alerts this batch created.
 */
const INSERT_ALERTS = `INSERT INTO alerts (conversation_id, target, level, account, source, point_at, created_at)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, ?2 FROM json_each(?1) WHERE true
  ON CONFLICT DO NOTHING RETURNING conversation_id AS conversationId, target, level`;
const INSERT_DELIVERIES = `INSERT INTO alert_deliveries (alert_id, recipient, status, attempts, next_attempt_at)
  SELECT a.id, r.value ->> 3, 'pending', 0, ?2 FROM json_each(?1) r
  JOIN alerts a ON a.conversation_id = r.value ->> 0 AND a.target = r.value ->> 1 AND a.level = r.value ->> 2
    AND a.created_at = ?2
  WHERE true ON CONFLICT DO NOTHING`;

/**
 * Alerts and their outbox on D1: the statements of the SQLite store (the same SQL text, bound by position),
 * with `db.batch` where that store uses a transaction. Claims are single statements that take only
 * unclaimed or expired deliveries, so two Workers never send the same batch.
 */
export class D1AlertStore {
  constructor(
    private readonly d1: D1Client,
    private readonly pageSize = PAGE,
  ) {}

  private async all<T>(name: AlertStatement, params: Record<string, unknown>): Promise<T[]> {
    const { sql, names } = positional[name];
    const { results } = await this.d1
      .prepare(sql)
      .bind(...positionalValues(names, params))
      .all<T>();
    return results;
  }

  private async run(name: AlertStatement, params: Record<string, unknown>): Promise<void> {
    const { sql, names } = positional[name];
    await this.d1
      .prepare(sql)
      .bind(...positionalValues(names, params))
      .run();
  }

  private async first<T>(name: AlertStatement, params: Record<string, unknown>): Promise<T | undefined> {
    return (await this.all<T>(name, params))[0];
  }

  async *runningConversationPages(since: number, now: number): AsyncGenerator<RunningConversation[]> {
    let after = { until: since, rowId: 0 };
    for (;;) {
      const keys = { afterUntil: after.until, afterRow: after.rowId };
      const end = await this.first<{ until: number; rowId: number }>("runningPageEnd", {
        ...keys,
        skip: this.pageSize - 1,
      });
      const range = { ...keys, endUntil: end?.until ?? END, endRow: end?.rowId ?? END, now };
      const page = await this.all<RunningConversation>("runningConversations", range);
      await this.run("settle", range);
      if (page.length > 0) yield page;
      if (!end) return;
      after = end;
    }
  }

  async raisedFor(conversationIds: readonly string[]) {
    if (conversationIds.length === 0) return [];
    return await this.all<{
      conversationId: string;
      target: string;
      level: NoticeLevel;
      acknowledgedAt: number | null;
    }>("raisedFor", { ids: JSON.stringify(conversationIds) });
  }

  async answeredAfterBreach(since: number) {
    type Late = { conversationId: string; account: string; source: string; firstResponseAt: number };
    return await this.all<Late>("answeredLate", { since });
  }

  async create(items: readonly NewAlert[], now: number): Promise<NewAlert[]> {
    if (items.length === 0) return [];
    const alerts = items.map((i) => [i.conversationId, i.target, i.level, i.account, i.source, i.pointAt]);
    const deliveries = items.flatMap((i) =>
      i.recipients.map((to) => [i.conversationId, i.target, i.level, to]),
    );
    const [inserted] = await this.d1.batch<{ conversationId: string; target: string; level: string }>([
      this.d1.prepare(INSERT_ALERTS).bind(JSON.stringify(alerts), now),
      this.d1.prepare(INSERT_DELIVERIES).bind(JSON.stringify(deliveries), now),
    ]);
    const key = (a: { conversationId: string; target: string; level: string }) =>
      `${a.conversationId}\u0000${a.target}\u0000${a.level}`;
    const created = new Set((inserted?.results ?? []).map(key));
    return items.filter((item) => created.has(key(item)));
  }

  async readyBatches(now: number): Promise<ReadyBatch[]> {
    const rows = await this.all<ReadyBatch>("readyBatches", { now });
    return rows.map(({ batchId, messageId, recipient }) => ({ batchId, messageId, recipient }));
  }

  async claim(batch: BatchClaim, leaseUntil: number, now: number): Promise<number> {
    let claimed = 0;
    let after = { at: Number.MIN_SAFE_INTEGER, id: 0 };
    for (;;) {
      const chunk = { batchId: batch.batchId, leaseUntil, now, afterId: after.id, limit: CLAIM_CHUNK };
      const rows = batch.resumed
        ? await this.all<{ at: number; id: number }>("claimExpired", chunk)
        : await this.all<{ at: number; id: number }>("claimNew", {
            ...chunk,
            messageId: batch.messageId,
            recipient: batch.recipient,
            afterAt: after.at,
          });
      claimed += rows.length;
      if (rows.length < CLAIM_CHUNK) return claimed;
      after = rows.reduce((a, b) => {
        const later = batch.resumed ? b.id > a.id : b.at > a.at || (b.at === a.at && b.id > a.id);
        return later ? b : a;
      });
    }
  }

  async *batchPages(batchId: string): AsyncGenerator<BatchDelivery[]> {
    let afterId = 0;
    for (;;) {
      const page = await this.all<BatchDelivery>("batchPage", { batchId, afterId, limit: PAGE });
      const last = page.at(-1);
      if (last) yield page;
      if (!last || page.length < PAGE) return;
      afterId = last.id;
    }
  }

  async pendingCount(): Promise<number> {
    return (await this.first<{ n: number }>("pendingCount", {}))?.n ?? 0;
  }

  async markSent(batchId: string, now: number): Promise<void> {
    await this.d1
      .prepare(
        `UPDATE alert_deliveries SET status = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL
         WHERE batch_id = ? AND status = 'pending'`,
      )
      .bind(now, batchId)
      .run();
  }

  async markFailed(
    batchId: string,
    error: string,
    nextAttemptAt: number,
    maxAttempts: number,
  ): Promise<void> {
    await this.d1
      .prepare(
        `UPDATE alert_deliveries SET attempts = attempts + 1,
           status = CASE WHEN attempts + 1 >= ?1 THEN 'failed' ELSE 'pending' END,
           next_attempt_at = ?2, last_error = ?3, batch_id = NULL, message_id = NULL, lease_until = NULL
         WHERE batch_id = ?4 AND status = 'pending'`,
      )
      .bind(maxAttempts, nextAttemptAt, error, batchId)
      .run();
  }

  async deliveryCounts(): Promise<Record<"pending" | "sent" | "failed", number>> {
    const { results } = await this.d1
      .prepare("SELECT status, count(*) AS n FROM alert_deliveries GROUP BY status")
      .all<{ status: "pending" | "sent" | "failed"; n: number }>();
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const row of results) counts[row.status] = row.n;
    return counts;
  }
}
