import type Database from "better-sqlite3";

/** A key range (after one key, up to another) of the running-clocks index, warned by `@now`. */
const IN_PAGE = `alert_until IS NOT NULL AND (alert_until, rowid) > (@afterUntil, @afterRow)
         AND (alert_until, rowid) <= (@endUntil, @endRow) AND alert_from <= @now`;

/**
 * A conversation for which `decideAlerts` can only decide nothing, now and later: its one running clock is
 * the first response (no follow-up waiting, no resolution target) and every level is settled (breach
 * raised; warning raised or past; escalation raised or the breach acknowledged).
 */
const SETTLED = `next_due_at IS NULL AND resolution_due_at IS NULL
         AND EXISTS (SELECT 1 FROM alerts b WHERE b.conversation_id = c.id AND b.target = 'first_response'
           AND b.level = 'breach')
         AND (due_at < @now OR EXISTS (SELECT 1 FROM alerts w WHERE w.conversation_id = c.id
           AND w.target = 'first_response' AND w.level = 'warning'))
         AND EXISTS (SELECT 1 FROM alerts e WHERE e.conversation_id = c.id AND e.target = 'first_response'
           AND (e.level = 'escalation' OR (e.level = 'breach' AND e.acknowledged_at IS NOT NULL)))`;

/**
 * The SQL of the alert cycle's hot paths: prepared once per store on Node; the D1 store binds the same
 * text. Each reads or writes one bounded page (a `LIMIT`, or a key range found first), so a long open
 * queue or a large batch is handled in many short steps instead of one long one. Pages follow an index in key order and continue after the last key
 * seen (keyset paging: rows written between pages neither shift nor repeat a page). The key is the only
 * lower bound of a page: with a second one (`due_at >= ?` next to the key) SQLite may start the index
 * search at that one and walk every earlier page again, each time.
 */
export const ALERT_SQL = {
  /** The key a page of running clocks ends at: `skip` entries of the index by latest deadline after the last key. */
  runningPageEnd: `SELECT alert_until AS until, rowid AS rowId FROM conversations
       WHERE alert_until IS NOT NULL AND (alert_until, rowid) > (@afterUntil, @afterRow)
       ORDER BY alert_until, rowid LIMIT 1 OFFSET @skip`,
  /**
   * The conversations in a key range of the running-clocks index whose first warning point has passed,
   * without those for which `decideAlerts` can only decide nothing (`SETTLED`).
   */
  runningConversations: `SELECT id, policy, policy_set AS policySet, account, source, started_at AS startedAt, due_at AS dueAt,
         first_response_at AS firstResponseAt, last_at AS lastAt, last_direction AS lastDirection,
         resolved_at AS resolvedAt, next_answered AS nextAnswered, next_within AS nextWithin,
         next_pending_since AS nextPendingSince, next_due_at AS nextDueAt,
         resolution_due_at AS resolutionDueAt, ttfr_business_ms AS ttfrBusinessMs
       FROM conversations c
       WHERE ${IN_PAGE} AND NOT (${SETTLED})`,
  /**
   * Takes the settled conversations of the same key range out of the index (their `alert_until` is the
   * alert cycle's own column): nothing can change for them until a new message derives the conversation
   * again, which writes its clocks afresh. Otherwise an unanswered conversation would be read again every
   * cycle for a day after its escalation, and each cycle would cost more the more went unanswered.
   */
  settle: `UPDATE conversations AS c SET alert_until = NULL WHERE ${IN_PAGE} AND ${SETTLED}`,
  raisedFor: `SELECT conversation_id AS conversationId, target, level, acknowledged_at AS acknowledgedAt FROM alerts
       WHERE conversation_id IN (SELECT value FROM json_each(@ids))`,
  /**
   * First-response breaches raised since `since` that were sent, whose conversation has been answered (late)
   * since, and have no late-answer notice yet: read from the conversations answered late since then
   * (`conversations_answered_late`), which are few, not from every alert of the period.
   */
  answeredLate: `SELECT a.conversation_id AS conversationId, a.account, a.source, c.first_response_at AS firstResponseAt
       FROM conversations c JOIN alerts a ON a.conversation_id = c.id
         AND a.target = 'first_response' AND a.level = 'breach'
       WHERE c.first_response_at > c.due_at AND c.first_response_at >= @since AND a.created_at >= @since
         AND EXISTS (SELECT 1 FROM alert_deliveries s WHERE s.alert_id = a.id AND s.status = 'sent')
         AND NOT EXISTS (SELECT 1 FROM alerts n WHERE n.conversation_id = a.conversation_id
           AND n.target = a.target AND n.level = 'answered_late')`,
  insertAlert: `INSERT INTO alerts (conversation_id, target, level, account, source, point_at, created_at)
       VALUES (@conversationId, @target, @level, @account, @source, @pointAt, @createdAt)
       ON CONFLICT DO NOTHING RETURNING id`,
  insertDelivery: `INSERT INTO alert_deliveries (alert_id, recipient, status, attempts, next_attempt_at)
       VALUES (?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING`,
  /**
   * Deliveries ready at `now`, grouped as they are sent: a batch left claimed by an interrupted send keeps
   * its batch (and Message-ID); the rest goes by recipient. In the order of each group's first delivery.
   */
  readyBatches: `SELECT batch_id AS batchId, max(message_id) AS messageId, recipient, min(id) AS firstId
       FROM alert_deliveries
       WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
       GROUP BY coalesce('batch:' || batch_id, 'to:' || recipient)
       ORDER BY firstId`,
  /** Claims up to `limit` of a recipient's ready, unclaimed deliveries for a new batch, after a key. */
  claimNew: `UPDATE alert_deliveries SET batch_id = @batchId, message_id = @messageId, lease_until = @leaseUntil
       WHERE id IN (
         SELECT id FROM alert_deliveries
         WHERE status = 'pending' AND next_attempt_at <= @now AND (next_attempt_at, id) > (@afterAt, @afterId)
           AND batch_id IS NULL AND (lease_until IS NULL OR lease_until < @now) AND recipient = @recipient
         ORDER BY next_attempt_at, id LIMIT @limit)
       RETURNING next_attempt_at AS at, id`,
  /** Takes over up to `limit` deliveries of a batch whose lease has run out (its send was cut short), after a key. */
  claimExpired: `UPDATE alert_deliveries SET lease_until = @leaseUntil
       WHERE id IN (
         SELECT id FROM alert_deliveries
         WHERE batch_id = @batchId AND id > @afterId AND status = 'pending' AND next_attempt_at <= @now
           AND (lease_until IS NULL OR lease_until < @now)
         ORDER BY id LIMIT @limit)
       RETURNING next_attempt_at AS at, id`,
  /** A page of a claimed batch: each delivery with its alert and, left-joined, its conversation as it stands now. */
  batchPage: `SELECT d.id, d.attempts, a.level, a.target, a.point_at AS pointAt, a.conversation_id AS conversationId,
         a.account, a.source, c.customer, c.excerpt, c.started_at AS startedAt, c.due_at AS dueAt,
         c.first_response_at AS firstResponseAt, c.next_pending_since AS nextPendingSince,
         c.next_due_at AS nextDueAt, c.resolution_due_at AS resolutionDueAt
       FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
       LEFT JOIN conversations c ON c.id = a.conversation_id
       WHERE d.batch_id = @batchId AND d.status = 'pending' AND d.id > @afterId
       ORDER BY d.id LIMIT @limit`,
  /** Through the partial index of pending deliveries: the cost follows the queue, not the history. */
  pendingCount: "SELECT count(*) AS n FROM alert_deliveries WHERE status = 'pending'",
} as const;

export type AlertStatement = keyof typeof ALERT_SQL;

/** The statements, prepared once per store on better-sqlite3. */
export function prepareAlertStatements(sqlite: Database.Database) {
  const p = (name: AlertStatement) => sqlite.prepare(ALERT_SQL[name]);
  return {
    runningPageEnd: p("runningPageEnd"),
    runningConversations: p("runningConversations"),
    settle: p("settle"),
    raisedFor: p("raisedFor"),
    answeredLate: p("answeredLate"),
    insertAlert: p("insertAlert"),
    insertDelivery: p("insertDelivery"),
    readyBatches: p("readyBatches"),
    claimNew: p("claimNew"),
    claimExpired: p("claimExpired"),
    batchPage: p("batchPage"),
    pendingCount: p("pendingCount").pluck(),
  };
}
