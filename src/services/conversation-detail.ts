import { asc, eq } from "drizzle-orm";
import { alerts, conversations, messages } from "../../db/schema.js";
import { type ConversationClock, isBreaching, isResolved } from "../domain/conversation-state.js";
import { type PolicyRegistry, policyOf } from "../domain/policy.js";
import type { Db } from "../storage/database.js";
import { toThreadItem } from "../storage/thread-items.js";
import { explainTargets } from "./target-explanation.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The state a conversation is shown in: how its first response went, or where it stands without one. */
export type ConversationState = "open" | "breaching" | "answered" | "answered_late" | "resolved";

/** Where a conversation's first response stands at `now`. */
export function conversationState(row: ConversationClock, now: number, windowMs: number): ConversationState {
  if (row.firstResponseAt !== null) return row.firstResponseAt > row.dueAt ? "answered_late" : "answered";
  if (isResolved(row, now, windowMs)) return "resolved";
  return isBreaching(row, now, windowMs) ? "breaching" : "open";
}

/** One conversation as `GET /v1/conversations/{id}` answers it (and its HTML page shows it). */
export type ConversationDetail = NonNullable<Awaited<ReturnType<typeof getConversationDetail>>>;

/**
 * One conversation with its deadline, state at `now`, its part of the thread's messages and its alerts;
 * null when there is no conversation with that id. Shared by the JSON endpoint and the HTML page so the
 * two can never disagree.
 */
export async function getConversationDetail(db: Db, policies: PolicyRegistry, id: string, now: number) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!row) return null;
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
  const raised = await db.select().from(alerts).where(eq(alerts.conversationId, id)).orderBy(asc(alerts.id));
  const policy = policyOf(policies, row.policySet, row.policy);
  const windowMs = (policies.set(row.policySet) ?? policies.current).windowMs;
  const own = thread.filter((m) => m.at >= row.startedAt && m.at < end);
  const state = conversationState(row, now, windowMs);
  return {
    id: row.id,
    source: row.source,
    account: row.account,
    account_basis: row.accountBasis,
    customer: row.customer,
    state,
    resolved: isResolved(row, now, windowMs),
    started_at: new Date(row.startedAt).toISOString(),
    due_at: new Date(row.dueAt).toISOString(),
    target_ms: policy.targets.first_response.targetMs,
    first_response_at: iso(row.firstResponseAt),
    ttfr_ms: row.firstResponseAt === null ? null : row.firstResponseAt - row.startedAt,
    ttfr_business_ms: row.ttfrBusinessMs,
    touches: row.touches,
    tags: row.tags.trim() === "" ? [] : row.tags.trim().split(" "),
    priority: row.priority,
    policy: {
      name: policy.name,
      version: row.policyVersion,
      calendar: policy.calendar.name,
      time_zone: policy.calendar.zone,
    },
    targets: explainTargets(
      row,
      policy,
      own.map((m) => toThreadItem({ ...m, automated: m.automated ? 1 : 0, private: m.private ? 1 : 0 })),
      now,
      windowMs,
    ),
    messages: own.map((m) => ({
      id: m.id,
      type: m.kind,
      direction: m.direction,
      author: m.author,
      at: new Date(m.at).toISOString(),
      text: m.text,
      automated: m.automated,
      private: m.private,
      in_reply_to: m.inReplyTo,
    })),
    alerts: raised.map((a) => ({
      id: a.id,
      target: a.target,
      level: a.level,
      point_at: iso(a.pointAt),
      created_at: iso(a.createdAt),
      acknowledged_at: iso(a.acknowledgedAt),
      acknowledged_by: a.acknowledgedBy,
    })),
  };
}
