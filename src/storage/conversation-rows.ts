import { type ConversationRow, conversations } from "../../db/schema.js";
import type { Conversation } from "../domain/conversations.js";

/** The stored form of a derived conversation. */
export function toConversationRow(
  conversation: Conversation,
  threadId: number,
  policySet: number,
): ConversationRow {
  return {
    id: conversation.id,
    threadId,
    source: conversation.source,
    firstMessageId: conversation.firstMessageId,
    customer: conversation.customer,
    account: conversation.account,
    accountBasis: conversation.accountBasis,
    mentions: ` ${conversation.mentions.join(" ")} `,
    excerpt: conversation.excerpt === null ? null : excerpt(conversation.excerpt),
    tags: ` ${conversation.tags.join(" ")} `,
    priority: conversation.priority,
    policy: conversation.policy,
    policyVersion: conversation.policyVersion,
    policySet,
    startedAt: conversation.startedAt,
    dueAt: conversation.dueAt,
    warnAt: conversation.warnAt,
    firstResponseAt: conversation.firstResponseAt,
    firstResponseId: conversation.firstResponseId,
    responder: conversation.responder,
    ttfrBusinessMs: conversation.ttfrBusinessMs,
    nextAnswered: conversation.nextAnswered,
    nextWithin: conversation.nextWithin,
    nextPendingSince: conversation.nextPendingSince,
    nextDueAt: conversation.nextDueAt,
    resolutionDueAt: conversation.resolutionDueAt,
    alertFrom: conversation.alertFrom,
    alertUntil: conversation.alertUntil,
    touches: conversation.touches,
    messageCount: conversation.messageCount,
    lastAt: conversation.lastAt,
    lastDirection: conversation.lastDirection,
    resolvedAt: conversation.resolvedAt,
  };
}

const EXCERPT_LENGTH = 280;

/** The first message's text, cut to a tweet's length on a character boundary. */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  const chars = Array.from(text);
  return chars.length <= EXCERPT_LENGTH ? text : `${chars.slice(0, EXCERPT_LENGTH - 1).join("")}…`;
}

/** The columns the state of a conversation's targets at a given time depends on, with its grouping keys. */
export const clockColumns = {
  account: conversations.account,
  source: conversations.source,
  startedAt: conversations.startedAt,
  dueAt: conversations.dueAt,
  firstResponseAt: conversations.firstResponseAt,
  lastAt: conversations.lastAt,
  lastDirection: conversations.lastDirection,
  resolvedAt: conversations.resolvedAt,
  nextAnswered: conversations.nextAnswered,
  nextWithin: conversations.nextWithin,
  nextPendingSince: conversations.nextPendingSince,
  nextDueAt: conversations.nextDueAt,
  resolutionDueAt: conversations.resolutionDueAt,
  ttfrBusinessMs: conversations.ttfrBusinessMs,
};

/** A `conversations` row as SQLite returns it (snake_case), for the write path's raw statements. */
export interface RawConversationRow {
  id: string;
  thread_id: number;
  source: string;
  first_message_id: string;
  customer: string;
  account: string;
  account_basis: Conversation["accountBasis"];
  mentions: string;
  excerpt: string | null;
  tags: string;
  priority: string | null;
  policy: string;
  policy_version: number;
  policy_set: number;
  started_at: number;
  due_at: number;
  warn_at: number;
  first_response_at: number | null;
  first_response_id: string | null;
  responder: string | null;
  ttfr_business_ms: number | null;
  next_answered: number;
  next_within: number;
  next_pending_since: number | null;
  next_due_at: number | null;
  resolution_due_at: number | null;
  alert_from: number | null;
  alert_until: number | null;
  touches: number;
  message_count: number;
  last_at: number;
  last_direction: Conversation["lastDirection"];
  resolved_at: number | null;
}

const words = (padded: string) => padded.trim().split(" ").filter(Boolean);

/** A stored conversation back as derived (the excerpt as stored, which cutting again leaves as it is). */
export function fromRawConversationRow(r: RawConversationRow): Conversation {
  return {
    id: r.id,
    source: r.source,
    firstMessageId: r.first_message_id,
    customer: r.customer,
    account: r.account,
    accountBasis: r.account_basis,
    mentions: words(r.mentions),
    excerpt: r.excerpt,
    tags: words(r.tags),
    priority: r.priority,
    policy: r.policy,
    policyVersion: r.policy_version,
    startedAt: r.started_at,
    dueAt: r.due_at,
    warnAt: r.warn_at,
    firstResponseAt: r.first_response_at,
    firstResponseId: r.first_response_id,
    responder: r.responder,
    ttfrBusinessMs: r.ttfr_business_ms,
    nextAnswered: r.next_answered,
    nextWithin: r.next_within,
    nextPendingSince: r.next_pending_since,
    nextDueAt: r.next_due_at,
    resolutionDueAt: r.resolution_due_at,
    alertFrom: r.alert_from,
    alertUntil: r.alert_until,
    touches: r.touches,
    messageCount: r.message_count,
    lastAt: r.last_at,
    lastDirection: r.last_direction,
    resolvedAt: r.resolved_at,
  };
}
