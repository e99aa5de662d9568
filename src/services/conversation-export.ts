import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { type ConversationRow, conversations } from "../../db/schema.js";
import { isResolved } from "../domain/conversation-state.js";
import type { Db } from "../storage/database.js";
import { conversationState } from "./conversation-detail.js";
import { type CsvValue, csvRecord } from "./csv.js";

export interface ExportQuery {
  /** The state and resolved columns are as at `now`, with the window `W`. */
  now: number;
  windowMs: number;
  /** Conversations started in [from, to). */
  from?: number;
  to?: number;
  account?: string;
  source?: string;
  /** Rows read per query. */
  pageSize?: number;
  /** Called with each page's row count. */
  onRows?: (count: number) => void;
}

/** The columns of `conversations.csv`, in order. */
export const CONVERSATION_COLUMNS = [
  "id",
  "source",
  "account",
  "customer",
  "policy",
  "policy_version",
  "started_at",
  "due_at",
  "first_response_at",
  "ttfr_ms",
  "ttfr_business_ms",
  "state",
  "resolved",
  "touches",
  "messages",
  "tags",
  "priority",
  "next_response_due_at",
  "resolution_due_at",
  "excerpt",
] as const;

const c = conversations;
const columns = {
  id: c.id,
  source: c.source,
  account: c.account,
  customer: c.customer,
  policy: c.policy,
  policyVersion: c.policyVersion,
  startedAt: c.startedAt,
  dueAt: c.dueAt,
  firstResponseAt: c.firstResponseAt,
  ttfrBusinessMs: c.ttfrBusinessMs,
  lastAt: c.lastAt,
  lastDirection: c.lastDirection,
  resolvedAt: c.resolvedAt,
  touches: c.touches,
  messageCount: c.messageCount,
  tags: c.tags,
  priority: c.priority,
  nextDueAt: c.nextDueAt,
  resolutionDueAt: c.resolutionDueAt,
  excerpt: c.excerpt,
};

type ExportRow = Pick<ConversationRow, keyof typeof columns>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The matching stored conversations as CSV, oldest start first: the header, then one chunk per page of
 * rows. Pages are read one query at a time, continuing after the last row's (start, id), so memory holds
 * one page and the caller sets the pace (a slow reader is never outrun).
 */
export async function* conversationsCsv(db: Db, query: ExportQuery): AsyncGenerator<string> {
  const pageSize = query.pageSize ?? 500;
  const filters = [
    query.from !== undefined ? gte(c.startedAt, query.from) : undefined,
    query.to !== undefined ? lt(c.startedAt, query.to) : undefined,
    query.account ? eq(c.account, query.account) : undefined,
    query.source ? eq(c.source, query.source) : undefined,
  ];
  yield csvRecord(CONVERSATION_COLUMNS);
  let after: { startedAt: number; id: string } | null = null;
  for (;;) {
    const rows: ExportRow[] = await db
      .select(columns)
      .from(c)
      .where(
        and(
          ...filters,
          after ? sql`(${c.startedAt}, ${c.id}) > (${after.startedAt}, ${after.id})` : undefined,
        ),
      )
      .orderBy(asc(c.startedAt), asc(c.id))
      .limit(pageSize);
    if (rows.length > 0) {
      query.onRows?.(rows.length);
      yield rows.map((row) => csvRecord(conversationValues(row, query))).join("");
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { startedAt: last.startedAt, id: last.id };
  }
}

function conversationValues(row: ExportRow, query: ExportQuery): CsvValue[] {
  return [
    row.id,
    row.source,
    row.account,
    row.customer,
    row.policy,
    row.policyVersion,
    iso(row.startedAt),
    iso(row.dueAt),
    iso(row.firstResponseAt),
    row.firstResponseAt === null ? null : row.firstResponseAt - row.startedAt,
    row.ttfrBusinessMs,
    conversationState(row, query.now, query.windowMs),
    isResolved(row, query.now, query.windowMs),
    row.touches,
    row.messageCount,
    row.tags.trim(),
    row.priority,
    iso(row.nextDueAt),
    iso(row.resolutionDueAt),
    row.excerpt,
  ];
}
