import { addBusinessTime } from "./calendar.js";
import { type ConversationClock, isOpen, isResolved } from "./conversation-state.js";
import type { Conversation } from "./conversations.js";
import type { SlaPolicy, TargetName, TargetSpec } from "./policy.js";

/** The stored facts the state of every target at a given time depends on. */
export type TargetFacts = ConversationClock &
  Pick<Conversation, "nextAnswered" | "nextWithin" | "nextPendingSince" | "nextDueAt" | "resolutionDueAt">;

/** Where one target stands at `now`. */
export type TargetOutcome = "met" | "missed" | "pending";

/**
 * The moment a resolved conversation counts as resolved for its resolution target: an explicit resolve, or,
 * for one resolved by the customer's silence, the brand's last message (which is what solved it).
 */
export function resolutionMoment(conversation: ConversationClock, windowMs: number): number | null {
  const byInactivity = conversation.lastDirection === "outbound" ? conversation.lastAt + windowMs + 1 : null;
  if (
    conversation.resolvedAt !== null &&
    (byInactivity === null || conversation.resolvedAt <= byInactivity)
  ) {
    return conversation.resolvedAt;
  }
  return byInactivity === null ? null : conversation.lastAt;
}

/**
 * The resolution target at `now`: met or missed once resolved (by its resolution moment), missed while
 * unresolved past the deadline unless the brand's last message came in time and only the customer's
 * silence is awaited; pending otherwise. Null without a resolution target.
 */
export function resolutionOutcome(
  conversation: TargetFacts,
  now: number,
  windowMs: number,
): TargetOutcome | null {
  const due = conversation.resolutionDueAt;
  if (due === null) return null;
  if (isResolved(conversation, now, windowMs)) {
    const moment = resolutionMoment(conversation, windowMs) ?? now;
    return moment <= due ? "met" : "missed";
  }
  if (conversation.lastDirection === "outbound" && conversation.lastAt <= due) return "pending";
  return now > due ? "missed" : "pending";
}

/** A follow-up still waiting for its next response, and past its deadline at `now`. */
export function nextResponseOverdue(conversation: TargetFacts, now: number, windowMs: number): boolean {
  return (
    conversation.nextDueAt !== null &&
    now > conversation.nextDueAt &&
    !isResolved(conversation, now, windowMs)
  );
}

/** A target clock that is running at `now`, with its warning point and deadline. */
export interface RunningClock {
  target: TargetName;
  /** Identifies the clock among a conversation's alerts: the target, and for a follow-up its start. */
  key: string;
  start: number;
  warnAt: number;
  due: number;
}

/** The alert key of a follow-up's next-response clock. */
export const nextResponseKey = (since: number) => `next_response@${new Date(since).toISOString()}`;

/** The target a stored alert key belongs to. */
export function targetOfKey(key: string): TargetName {
  return key.startsWith("next_response") ? "next_response" : (key as TargetName);
}

/**
 * The clocks running at `now`: the first response while unanswered and unresolved, a follow-up's next
 * response while unresolved, the resolution while the brand owes the customer an answer.
 */
export function runningClocks(
  conversation: TargetFacts,
  policy: SlaPolicy,
  now: number,
  windowMs: number,
): RunningClock[] {
  const clocks: RunningClock[] = [];
  const warnAt = (start: number, spec: TargetSpec) =>
    addBusinessTime(policy.calendar, start, Math.floor(spec.targetMs * spec.warningShare));
  const { first_response: first, next_response: next, resolution } = policy.targets;
  if (isOpen(conversation, now, windowMs)) {
    clocks.push({
      target: "first_response",
      key: "first_response",
      start: conversation.startedAt,
      warnAt: warnAt(conversation.startedAt, first),
      due: conversation.dueAt,
    });
  }
  const resolved = isResolved(conversation, now, windowMs);
  if (next && conversation.nextPendingSince !== null && conversation.nextDueAt !== null && !resolved) {
    clocks.push({
      target: "next_response",
      key: nextResponseKey(conversation.nextPendingSince),
      start: conversation.nextPendingSince,
      warnAt: warnAt(conversation.nextPendingSince, next),
      due: conversation.nextDueAt,
    });
  }
  if (
    resolution &&
    conversation.resolutionDueAt !== null &&
    !resolved &&
    conversation.lastDirection === "inbound"
  ) {
    clocks.push({
      target: "resolution",
      key: "resolution",
      start: conversation.startedAt,
      warnAt: warnAt(conversation.startedAt, resolution),
      due: conversation.resolutionDueAt,
    });
  }
  return clocks;
}
