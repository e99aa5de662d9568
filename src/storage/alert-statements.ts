import type Database from "better-sqlite3";

/**
 * The statements of the alert cycle's hot paths, prepared once per store. Each reads or writes one bounded
 * page (a `LIMIT`, or a key range found first), so a long open queue or a large batch is handled in many
 * short steps instead of one long one. Pages follow an index in key order and continue after the last key
 * seen (keyset paging: rows written between pages neither shift nor repeat a page). The key is the only
 * lower bound of a page: with a second one (`due_at >= ?` next to the key) SQLite may start the index
 * search at that one and walk every earlier page again, each time.
 */
export function prepareAlertStatements(sqlite: Database.Database) {
  const p = (sql: string) => sqlite.prepare(sql);
  return {
    /** The key a page of open conversations ends at: `skip` entries of the open index after the last key. */
    openPageEnd: p(
      `SELECT due_at AS dueAt, rowid AS rowId FROM conversations
       WHERE first_response_at IS NULL AND resolved_at IS NULL AND (due_at, rowid) > (@afterDue, @afterRow)
         AND due_at <= @toDue
       ORDER BY due_at, rowid LIMIT 1 OFFSET @skip`,
    ),
    /**
     * The open conversations in a key range of the open index that may have an alert to raise at `now`:
     * it skips those for which `decideAlerts` can only decide nothing, without reading them into memory.
     * Skipped: no alert point reached yet (the warning point taken a millisecond early, for its rounding),
     * and every level settled (breach raised; warning raised or past; escalation raised or acknowledged).
     */
    openCandidates: p(
      `SELECT c.id, c.account, c.source, c.started_at AS startedAt, c.due_at AS dueAt,
         c.first_response_at AS firstResponseAt, c.last_at AS lastAt, c.last_direction AS lastDirection,
         c.resolved_at AS resolvedAt
       FROM conversations c
       WHERE c.first_response_at IS NULL AND c.resolved_at IS NULL
         AND (c.due_at, c.rowid) > (@afterDue, @afterRow) AND (c.due_at, c.rowid) <= (@endDue, @endRow)
         AND (c.started_at + (c.due_at - c.started_at) * @warningShare - 1 <= @now OR c.due_at < @now
           OR c.due_at + @escalationDelayMs <= @now)
         AND NOT (
           EXISTS (SELECT 1 FROM alerts b WHERE b.conversation_id = c.id AND b.target = @target
             AND b.level = 'breach')
           AND (c.due_at < @now OR EXISTS (SELECT 1 FROM alerts w WHERE w.conversation_id = c.id
             AND w.target = @target AND w.level = 'warning'))
           AND (EXISTS (SELECT 1 FROM alerts e WHERE e.conversation_id = c.id AND e.target = @target
               AND e.level = 'escalation')
             OR EXISTS (SELECT 1 FROM alerts k WHERE k.conversation_id = c.id AND k.target = @target
               AND k.level = 'breach' AND k.acknowledged_at IS NOT NULL)))`,
    ),
    raisedFor: p(
      `SELECT conversation_id AS conversationId, level, acknowledged_at AS acknowledgedAt FROM alerts
       WHERE target = @target AND conversation_id IN (SELECT value FROM json_each(@ids))`,
    ),
    /** The key a page of alerts ends at: `skip` entries of the index by creation time after the last key. */
    alertPageEnd: p(
      `SELECT created_at AS createdAt, id FROM alerts
       WHERE (created_at, id) > (@afterAt, @afterId)
       ORDER BY created_at, id LIMIT 1 OFFSET @skip`,
    ),
    /** Breaches in a key range of `alerts_created` that were sent, are answered now, and have no late-answer notice. */
    answeredLate: p(
      `SELECT a.conversation_id AS conversationId, a.account, a.source, c.first_response_at AS firstResponseAt
       FROM alerts a JOIN conversations c ON c.id = a.conversation_id
       WHERE (a.created_at, a.id) > (@afterAt, @afterId) AND (a.created_at, a.id) <= (@endAt, @endId)
         AND a.level = 'breach' AND c.first_response_at IS NOT NULL
         AND EXISTS (SELECT 1 FROM alert_deliveries s WHERE s.alert_id = a.id AND s.status = 'sent')
         AND NOT EXISTS (SELECT 1 FROM alerts n WHERE n.conversation_id = a.conversation_id
           AND n.target = a.target AND n.level = 'answered_late')`,
    ),
    insertAlert: p(
      `INSERT INTO alerts (conversation_id, target, level, account, source, point_at, created_at)
       VALUES (@conversationId, @target, @level, @account, @source, @pointAt, @createdAt)
       ON CONFLICT DO NOTHING RETURNING id`,
    ),
    insertDelivery: p(
      `INSERT INTO alert_deliveries (alert_id, recipient, status, attempts, next_attempt_at)
       VALUES (?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING`,
    ),
    /**
     * Deliveries ready at `now`, grouped as they are sent: a batch left claimed by an interrupted send keeps
     * its batch (and Message-ID); the rest goes by recipient. In the order of each group's first delivery.
     */
    readyBatches: p(
      `SELECT batch_id AS batchId, max(message_id) AS messageId, recipient, min(id) AS firstId
       FROM alert_deliveries
       WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
       GROUP BY coalesce('batch:' || batch_id, 'to:' || recipient)
       ORDER BY firstId`,
    ),
    /** Claims up to `limit` of a recipient's ready, unclaimed deliveries for a new batch, after a key. */
    claimNew: p(
      `UPDATE alert_deliveries SET batch_id = @batchId, message_id = @messageId, lease_until = @leaseUntil
       WHERE id IN (
         SELECT id FROM alert_deliveries
         WHERE status = 'pending' AND next_attempt_at <= @now AND (next_attempt_at, id) > (@afterAt, @afterId)
           AND batch_id IS NULL AND (lease_until IS NULL OR lease_until < @now) AND recipient = @recipient
         ORDER BY next_attempt_at, id LIMIT @limit)
       RETURNING next_attempt_at AS at, id`,
    ),
    /** Takes over up to `limit` deliveries of a batch whose lease has run out (its send was cut short), after a key. */
    claimExpired: p(
      `UPDATE alert_deliveries SET lease_until = @leaseUntil
       WHERE id IN (
         SELECT id FROM alert_deliveries
         WHERE batch_id = @batchId AND id > @afterId AND status = 'pending' AND next_attempt_at <= @now
           AND (lease_until IS NULL OR lease_until < @now)
         ORDER BY id LIMIT @limit)
       RETURNING next_attempt_at AS at, id`,
    ),
    /** A page of a claimed batch: each delivery with its alert and, left-joined, its conversation as it stands now. */
    batchPage: p(
      `SELECT d.id, d.attempts, a.level, a.conversation_id AS conversationId, a.account, a.source, c.customer,
         c.excerpt, c.started_at AS startedAt, c.due_at AS dueAt, c.first_response_at AS firstResponseAt
       FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
       LEFT JOIN conversations c ON c.id = a.conversation_id
       WHERE d.batch_id = @batchId AND d.status = 'pending' AND d.id > @afterId
       ORDER BY d.id LIMIT @limit`,
    ),
    /** Through the partial index of pending deliveries: the cost follows the queue, not the history. */
    pendingCount: p("SELECT count(*) FROM alert_deliveries WHERE status = 'pending'").pluck(),
  };
}
