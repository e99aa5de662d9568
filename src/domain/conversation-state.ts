import type { Conversation } from "./conversations.js";

/** The parts of a conversation its state at a given time depends on. */
export type ConversationClock = Pick<
  Conversation,
  "startedAt" | "dueAt" | "firstResponseAt" | "lastAt" | "lastDirection" | "resolvedAt"
>;

/**
 * When the conversation counts as resolved: an explicit resolve, or, when the last human message is the
 * brand's, the first millisecond at which more than `W` has passed since it. Null while neither applies.
 */
export function resolvesAt(conversation: ConversationClock, windowMs: number): number | null {
  const byInactivity = conversation.lastDirection === "outbound" ? conversation.lastAt + windowMs + 1 : null;
  if (conversation.resolvedAt === null) return byInactivity;
  if (byInactivity === null) return conversation.resolvedAt;
  return Math.min(conversation.resolvedAt, byInactivity);
}

export function isResolved(conversation: ConversationClock, now: number, windowMs: number): boolean {
  const at = resolvesAt(conversation, windowMs);
  return at !== null && at <= now;
}

/** Waiting for a first response and not resolved. */
export function isOpen(conversation: ConversationClock, now: number, windowMs: number): boolean {
  return conversation.firstResponseAt === null && !isResolved(conversation, now, windowMs);
}

/** Open and past its first-response deadline. */
export function isBreaching(conversation: ConversationClock, now: number, windowMs: number): boolean {
  return isOpen(conversation, now, windowMs) && now > conversation.dueAt;
}

/** The moment a share of the target has elapsed (the warning point). */
export function warnAt(conversation: Pick<ConversationClock, "startedAt" | "dueAt">, share: number): number {
  return conversation.startedAt + Math.floor((conversation.dueAt - conversation.startedAt) * share);
}

/** Open, not yet breaching, with at least `share` of the target elapsed. */
export function isAtRisk(
  conversation: ConversationClock,
  now: number,
  windowMs: number,
  share: number,
): boolean {
  return (
    isOpen(conversation, now, windowMs) && now <= conversation.dueAt && now >= warnAt(conversation, share)
  );
}
