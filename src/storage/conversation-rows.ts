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
