import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Every ingested event as it arrived: customer messages, agent replies, resolve and reopen actions. */
export const messages = sqliteTable(
  "messages",
  {
    pk: integer("pk").primaryKey(),
    source: text("source").notNull(),
    id: text("id").notNull(),
    kind: text("kind", { enum: ["message", "resolve", "reopen"] }).notNull(),
    direction: text("direction", { enum: ["inbound", "outbound"] }),
    author: text("author"),
    account: text("account"),
    at: integer("at").notNull(),
    inReplyTo: text("in_reply_to"),
    conversationRef: text("conversation_ref"),
    text: text("text"),
    automated: integer("automated", { mode: "boolean" }).notNull().default(false),
    /** Space-separated tags given by the source, or null. */
    tags: text("tags"),
    priority: text("priority"),
    /** A private reply (a DM) to a public message. */
    private: integer("private", { mode: "boolean" }).notNull().default(false),
    threadId: integer("thread_id").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("messages_source_id").on(t.source, t.id),
    // A thread is re-derived from its messages on every change; its newest messages are read by time.
    index("messages_thread").on(t.threadId, t.at),
    // Joins messages that share an explicit thread id; most messages have none, so the index stays small.
    index("messages_conversation_ref")
      .on(t.source, t.conversationRef)
      .where(sql`${t.conversationRef} IS NOT NULL`),
  ],
);

/**
 * Reply links, written by the referring message: `ref_id` is the message it answers (or another message
 * the source says is in the thread). A parent that arrives after its replies finds them here.
 */
export const messageLinks = sqliteTable(
  "message_links",
  {
    source: text("source").notNull(),
    refId: text("ref_id").notNull(),
    messageId: text("message_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.refId, t.messageId] })],
);

/** Conversations derived from their thread, with deadlines; state at a given time is computed on read. */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    threadId: integer("thread_id").notNull(),
    source: text("source").notNull(),
    firstMessageId: text("first_message_id").notNull(),
    customer: text("customer").notNull(),
    account: text("account").notNull(),
    accountBasis: text("account_basis", { enum: ["responder", "mention", "ingest", "none"] }).notNull(),
    /** Space-separated lowercased handles of the first message, padded with spaces for `LIKE '% h %'`. */
    mentions: text("mentions").notNull(),
    excerpt: text("excerpt"),
    /** Space-separated sorted tags, padded with spaces like `mentions`. */
    tags: text("tags").notNull().default("  "),
    priority: text("priority"),
    /** The policy (name and version) it is measured with, and the policy set that was in force. */
    policy: text("policy").notNull().default("default"),
    policyVersion: integer("policy_version").notNull().default(0),
    policySet: integer("policy_set").notNull().default(0),
    startedAt: integer("started_at").notNull(),
    dueAt: integer("due_at").notNull(),
    warnAt: integer("warn_at").notNull().default(0),
    firstResponseAt: integer("first_response_at"),
    firstResponseId: text("first_response_id"),
    responder: text("responder"),
    ttfrBusinessMs: integer("ttfr_business_ms"),
    nextAnswered: integer("next_answered").notNull().default(0),
    nextWithin: integer("next_within").notNull().default(0),
    nextPendingSince: integer("next_pending_since"),
    nextDueAt: integer("next_due_at"),
    resolutionDueAt: integer("resolution_due_at"),
    alertFrom: integer("alert_from"),
    alertUntil: integer("alert_until"),
    touches: integer("touches").notNull(),
    messageCount: integer("message_count").notNull(),
    lastAt: integer("last_at").notNull(),
    lastDirection: text("last_direction", { enum: ["inbound", "outbound"] }).notNull(),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [
    index("conversations_thread").on(t.threadId),
    index("conversations_account_started").on(t.account, t.startedAt),
    index("conversations_started").on(t.startedAt),
    // Open work by due time: only unanswered, unresolved rows, so it follows the queue, not history.
    // Ordered like the status's queues (due, then id) and holding the warning point, so the queues stop
    // after their first rows and the counts read the index alone.
    index("conversations_open_due")
      .on(t.dueAt, t.id, t.warnAt)
      .where(sql`${t.firstResponseAt} IS NULL AND ${t.resolvedAt} IS NULL`),
    // Follow-ups waiting for their next response, by deadline: the status's queue of follow-ups.
    index("conversations_follow_ups").on(t.nextDueAt).where(sql`${t.nextDueAt} IS NOT NULL`),
    // Every running clock (first response, next response, resolution) by its latest deadline: the scan's input.
    index("conversations_alert_until").on(t.alertUntil).where(sql`${t.alertUntil} IS NOT NULL`),
    // The rest serve the metrics' rollups (conversation_days): what is not settled yet at `now` is found
    // through these small partial indexes, so a window's figures never read its settled history.
    // (The open ones not due yet are read through `conversations_open_due`.)
    index("conversations_resolved_unanswered_due")
      .on(t.dueAt, t.startedAt)
      .where(sql`${t.firstResponseAt} IS NULL AND ${t.resolvedAt} IS NOT NULL`),
    index("conversations_outbound_last")
      .on(t.lastAt, t.startedAt, t.resolvedAt, t.touches)
      .where(sql`${t.lastDirection} = 'outbound'`),
    index("conversations_inbound_resolved")
      .on(t.resolvedAt, t.startedAt, t.touches)
      .where(sql`${t.lastDirection} = 'inbound' AND ${t.resolvedAt} IS NOT NULL`),
    index("conversations_resolution_due").on(t.resolutionDueAt).where(sql`${t.resolutionDueAt} IS NOT NULL`),
    // Resolved by an explicit resolve after the customer's silence had already resolved them, across the
    // resolution deadline: whether they met it depends on `W`, so a query measures them one by one.
    index("conversations_resolution_ambiguous")
      .on(t.startedAt)
      .where(
        sql`${t.resolutionDueAt} IS NOT NULL AND ${t.lastDirection} = 'outbound' AND ${t.resolvedAt} > ${t.resolutionDueAt} AND ${t.lastAt} <= ${t.resolutionDueAt}`,
      ),
    // Exact percentiles: the TTFR values of one histogram bucket, read in order from the index alone.
    index("conversations_ttfr")
      .on(sql`(${t.firstResponseAt} - ${t.startedAt})`, t.startedAt)
      .where(sql`${t.firstResponseAt} IS NOT NULL`),
    index("conversations_ttfr_business")
      .on(sql`(coalesce(${t.ttfrBusinessMs}, ${t.firstResponseAt} - ${t.startedAt}))`, t.startedAt)
      .where(sql`${t.firstResponseAt} IS NOT NULL`),
    // The status's answered-late list: only late answers, by the time of the answer.
    index("conversations_answered_late").on(t.firstResponseAt).where(sql`${t.firstResponseAt} > ${t.dueAt}`),
  ],
);

/**
 * Per UTC day of start (`started_at / 86400000`), account and source: the metric counts of the
 * conversations as they stand once settled, i.e. at a `now` late enough that no deadline or inactivity
 * window is still running (README, metric contract). Triggers on `conversations` keep it exact on every
 * write; a query adds the days of its window and corrects for the few conversations not settled at its
 * `now` (src/domain/metric-rollup.ts has the same definitions).
 */
export const conversationDays = sqliteTable(
  "conversation_days",
  {
    day: integer("day").notNull(),
    account: text("account").notNull(),
    source: text("source").notNull(),
    conversations: integer("conversations").notNull().default(0),
    responded: integer("responded").notNull().default(0),
    withinTarget: integer("within_target").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
    fcrResolved: integer("fcr_resolved").notNull().default(0),
    nextAnswered: integer("next_answered").notNull().default(0),
    nextWithin: integer("next_within").notNull().default(0),
    nextOverdue: integer("next_overdue").notNull().default(0),
    resolutionDue: integer("resolution_due").notNull().default(0),
    resolutionWithin: integer("resolution_within").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.account, t.source] })],
);

/**
 * Open conversations (unanswered, unresolved) per account and source, kept by the same triggers: the
 * status's open count without counting the queue on every request.
 */
export const openCounts = sqliteTable(
  "open_counts",
  {
    account: text("account").notNull(),
    source: text("source").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.account, t.source] })],
);

/** The lower bounds (ms) of the TTFR histogram's buckets, fixed by the migration that made them. */
export const ttfrBuckets = sqliteTable("ttfr_buckets", {
  lowerMs: integer("lower_ms").primaryKey(),
});

/**
 * Per kind (0: clock TTFR, 1: business-time TTFR), UTC day of start and bucket: how many responded
 * conversations have a TTFR in that bucket. Exact percentiles find their bucket here, then read only that
 * bucket's values through `conversations_ttfr(_business)`. Kept by the same triggers.
 */
export const ttfrDays = sqliteTable(
  "ttfr_days",
  {
    kind: integer("kind").notNull(),
    day: integer("day").notNull(),
    lowerMs: integer("lower_ms").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.day, t.lowerMs] })],
);

/** Every version of every policy ever in force, with its whole definition (calendar included) as JSON. */
export const policies = sqliteTable(
  "policies",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    definition: text("definition").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("policies_name_version").on(t.name, t.version)],
);

/** The policies in force together (ids in matching order) and the window; conversations keep their set. */
export const policySets = sqliteTable("policy_sets", {
  id: integer("id").primaryKey(),
  windowMs: integer("window_ms").notNull(),
  members: text("members").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Brand accounts seen sending outbound messages (or configured); mentions of them attribute conversations. */
export const accounts = sqliteTable("accounts", {
  key: text("key").primaryKey(),
  name: text("name").notNull(),
  firstSeenAt: integer("first_seen_at").notNull(),
});

/**
 * API tokens, stored as SHA-256 hashes (never the token), with their scopes as a comma-separated list of
 * `ingest`, `read`, `admin`. Rows from before scopes existed get every scope. A revoked token keeps its
 * row (for `token list`) and is refused.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey(),
    hash: text("hash").notNull(),
    label: text("label").notNull(),
    scopes: text("scopes").notNull().default("ingest,read,admin"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.hash)],
);

/** Small key/value facts about the database, such as the policy its conversations were derived with. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type MessageRow = typeof messages.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;

/**
 * One row per (conversation, target, level), inserted before anything is sent: the unique key makes a
 * repeated or concurrent scan raise each alert once.
 */
export const alerts = sqliteTable(
  "alerts",
  {
    id: integer("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    target: text("target").notNull(),
    level: text("level", { enum: ["warning", "breach", "escalation", "answered_late"] }).notNull(),
    account: text("account").notNull(),
    source: text("source").notNull(),
    /** The moment the alert point was reached. */
    pointAt: integer("point_at").notNull(),
    createdAt: integer("created_at").notNull(),
    acknowledgedAt: integer("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
  },
  (t) => [
    uniqueIndex("alerts_key").on(t.conversationId, t.target, t.level),
    index("alerts_created").on(t.createdAt),
  ],
);

/**
 * The outbox: one row per alert and recipient. A batch of rows for one recipient is claimed (a batch id,
 * the Message-ID and a lease) before sending, so a send cut short by a crash is retried as the same message.
 */
export const alertDeliveries = sqliteTable(
  "alert_deliveries",
  {
    id: integer("id").primaryKey(),
    alertId: integer("alert_id")
      .notNull()
      .references(() => alerts.id),
    recipient: text("recipient").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    batchId: text("batch_id"),
    messageId: text("message_id"),
    leaseUntil: integer("lease_until"),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("alert_deliveries_key").on(t.alertId, t.recipient),
    // The delivery queue: only pending rows, so it stays small whatever the history.
    index("alert_deliveries_pending").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("alert_deliveries_batch").on(t.batchId),
  ],
);

/** One daily summary email per local day, written before it is sent, like alerts. */
export const dailySummaries = sqliteTable("daily_summaries", {
  day: text("day").primaryKey(),
  recipients: text("recipients").notNull(),
  status: text("status", { enum: ["pending", "sent", "failed"] }).notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: integer("next_attempt_at").notNull(),
  lastError: text("last_error"),
  messageId: text("message_id").notNull(),
  leaseUntil: integer("lease_until"),
  sentAt: integer("sent_at"),
  createdAt: integer("created_at").notNull(),
});

export type AlertRow = typeof alerts.$inferSelect;
export type AlertDeliveryRow = typeof alertDeliveries.$inferSelect;
