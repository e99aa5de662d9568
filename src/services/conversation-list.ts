import { and, desc, eq, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Db } from "../storage/database.js";
import { type ConversationState, conversationState } from "./conversation-detail.js";

export type ListState = "open" | "breaching" | "answered" | "resolved";

export interface ListQuery {
  now: number;
  windowMs: number;
  account?: string;
  source?: string;
  state?: ListState;
  limit: number;
  /** Continue after this conversation (the previous page's `next_cursor`). */
  cursor?: { startedAt: number; id: string };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The page cursor of a conversation: where the next page starts (newest first). */
export const encodeCursor = (startedAt: number, id: string) =>
  Buffer.from(JSON.stringify([startedAt, id])).toString("base64url");

export function decodeCursor(cursor: string): { startedAt: number; id: string } | null {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    return typeof startedAt === "number" && typeof id === "string" ? { startedAt, id } : null;
  } catch {
    return null;
  }
}

/**
 * Conversations newest first, with their deadlines and the state of their first response (`state`, as on
 * `GET /v1/conversations/{id}`): open and breaching are unanswered and unresolved (before and after the
 * deadline), answered has a first response (in time or late), resolved was resolved without one.
 */
export async function listConversations(db: Db, query: ListQuery) {
  const c = conversations;
  const { now } = query;
  const resolvedNow = or(
    and(isNotNull(c.resolvedAt), sql`${c.resolvedAt} <= ${now}`),
    sql`${c.lastDirection} = 'outbound' AND ${c.lastAt} + ${query.windowMs} + 1 <= ${now}`,
  ) as SQL;
  const unanswered = isNull(c.firstResponseAt);
  const byState: Record<ListState, SQL | undefined> = {
    open: and(unanswered, sql`NOT (${resolvedNow})`, sql`${c.dueAt} >= ${now}`),
    breaching: and(unanswered, sql`NOT (${resolvedNow})`, lt(c.dueAt, now)),
    answered: isNotNull(c.firstResponseAt),
    resolved: and(unanswered, resolvedNow),
  };
  const after = query.cursor
    ? or(
        lt(c.startedAt, query.cursor.startedAt),
        and(eq(c.startedAt, query.cursor.startedAt), lt(c.id, query.cursor.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(c)
    .where(
      and(
        query.account ? eq(c.account, query.account) : undefined,
        query.source ? eq(c.source, query.source) : undefined,
        query.state ? byState[query.state] : undefined,
        after,
      ),
    )
    .orderBy(desc(c.startedAt), desc(c.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    conversations: page.map((row) => {
      const state: ConversationState = conversationState(row, now, query.windowMs);
      return {
        id: row.id,
        source: row.source,
        account: row.account,
        customer: row.customer,
        excerpt: row.excerpt,
        state,
        policy: { name: row.policy, version: row.policyVersion },
        started_at: iso(row.startedAt),
        due_at: iso(row.dueAt),
        first_response_at: iso(row.firstResponseAt),
        next_response_due_at: iso(row.nextDueAt),
        resolution_due_at: iso(row.resolutionDueAt),
        messages: row.messageCount,
      };
    }),
    next_cursor: rows.length > query.limit && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}
