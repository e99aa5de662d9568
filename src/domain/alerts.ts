import { isOpen } from "./conversation-state.js";
import type { Conversation } from "./conversations.js";

export type AlertLevel = "warning" | "breach" | "escalation";

export interface AlertPolicy {
  /** Share of the first-response target after which a warning is raised. */
  warningShare: number;
  /** How long after due an unanswered, unacknowledged breach escalates. */
  escalationDelayMs: number;
  /** Alert points older than this are not raised (e.g. history just imported, or a long outage). */
  maxAgeMs: number;
  windowMs: number;
}

export type AlertedConversation = Pick<
  Conversation,
  "startedAt" | "dueAt" | "firstResponseAt" | "lastAt" | "lastDirection" | "resolvedAt"
>;

export interface AlertState {
  /** Levels already raised for this conversation and target. */
  raised: ReadonlySet<AlertLevel>;
  /** When someone acknowledged the breach, if anyone did. */
  acknowledgedAt: number | null;
}

export interface AlertDecision {
  level: AlertLevel;
  /** The moment the alert point was reached. */
  at: number;
  reason: string;
}

/** The moment each level's alert point is reached. */
export function alertPoints(
  conversation: Pick<AlertedConversation, "startedAt" | "dueAt">,
  policy: AlertPolicy,
) {
  return {
    warning:
      conversation.startedAt +
      Math.floor((conversation.dueAt - conversation.startedAt) * policy.warningShare),
    breach: conversation.dueAt,
    escalation: conversation.dueAt + policy.escalationDelayMs,
  } satisfies Record<AlertLevel, number>;
}

/**
 * The alerts to raise now for one conversation's first-response target, each with a named reason.
 * Nothing for a conversation that is answered or resolved. A warning whose breach point has already passed
 * is skipped (the breach says more); points older than `maxAgeMs` are not raised at all.
 */
export function decideAlerts(
  conversation: AlertedConversation,
  state: AlertState,
  now: number,
  policy: AlertPolicy,
): AlertDecision[] {
  if (!isOpen(conversation, now, policy.windowMs)) return [];
  const points = alertPoints(conversation, policy);
  // A breach is `now > due` (DESIGN.md); the other points are reached at their moment.
  const reached = (level: AlertLevel) => (level === "breach" ? now > points.breach : now >= points[level]);
  const fresh = (level: AlertLevel) =>
    !state.raised.has(level) && reached(level) && now - points[level] <= policy.maxAgeMs;
  const decisions: AlertDecision[] = [];
  if (fresh("warning") && !reached("breach")) {
    decisions.push({
      level: "warning",
      at: points.warning,
      reason: "share of the target elapsed without a response",
    });
  }
  if (fresh("breach")) {
    decisions.push({ level: "breach", at: points.breach, reason: "due without a response" });
  }
  const breachKnown = state.raised.has("breach") || decisions.some((d) => d.level === "breach");
  if (fresh("escalation") && breachKnown && state.acknowledgedAt === null) {
    decisions.push({
      level: "escalation",
      at: points.escalation,
      reason: "breach unanswered and unacknowledged",
    });
  }
  return decisions;
}
