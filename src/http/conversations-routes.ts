import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { alerts, conversations, messages } from "../../db/schema.js";
import { isBreaching, isResolved } from "../domain/conversation-state.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `GET /v1/conversations/{id}`: one conversation with its deadline, state, thread messages and alerts. */
export function conversationsRoutes() {
  return new Hono<AppEnv>().get("/:id", async (c) => {
    const { db, config, clock } = c.var.deps;
    const id = c.req.param("id");
    const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
    if (!row) return errorBody(c, 404, `id: no conversation ${id}`);
    const now = clock();
    const thread = await db
      .select()
      .from(messages)
      .where(eq(messages.threadId, row.threadId))
      .orderBy(asc(messages.at), asc(messages.pk));
    // The conversation ends where the thread's next conversation starts.
    const siblings = await db
      .select({ startedAt: conversations.startedAt })
      .from(conversations)
      .where(eq(conversations.threadId, row.threadId));
    const end = Math.min(Infinity, ...siblings.map((s) => s.startedAt).filter((at) => at > row.startedAt));
    const raised = await db
      .select()
      .from(alerts)
      .where(eq(alerts.conversationId, id))
      .orderBy(asc(alerts.id));
    const windowMs = config.policy.windowMs;
    const state =
      row.firstResponseAt !== null
        ? row.firstResponseAt > row.dueAt
          ? "answered_late"
          : "answered"
        : isResolved(row, now, windowMs)
          ? "resolved"
          : isBreaching(row, now, windowMs)
            ? "breaching"
            : "open";
    return c.json({
      id: row.id,
      source: row.source,
      account: row.account,
      account_basis: row.accountBasis,
      customer: row.customer,
      state,
      resolved: isResolved(row, now, windowMs),
      started_at: iso(row.startedAt),
      due_at: iso(row.dueAt),
      target_ms: config.policy.targetMs,
      first_response_at: iso(row.firstResponseAt),
      ttfr_ms: row.firstResponseAt === null ? null : row.firstResponseAt - row.startedAt,
      touches: row.touches,
      messages: thread
        .filter((m) => m.at >= row.startedAt && m.at < end)
        .map((m) => ({
          id: m.id,
          type: m.kind,
          direction: m.direction,
          author: m.author,
          at: iso(m.at),
          text: m.text,
          automated: m.automated,
          in_reply_to: m.inReplyTo,
        })),
      alerts: raised.map((a) => ({
        id: a.id,
        level: a.level,
        point_at: iso(a.pointAt),
        created_at: iso(a.createdAt),
        acknowledged_at: iso(a.acknowledgedAt),
        acknowledged_by: a.acknowledgedBy,
      })),
    });
  });
}
