import type { RunningClock } from "./target-status.js";

export type AlertLevel = "warning" | "breach" | "escalation";

export interface AlertPolicy {
  /** How long after due an unanswered, unacknowledged breach escalates. */
  escalationDelayMs: number;
  /** Alert points older than this are not raised (e.g. history just imported, or a long outage). */
  maxAgeMs: number;
}

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
export function alertPoints(clock: Pick<RunningClock, "warnAt" | "due">, policy: AlertPolicy) {
  return {
    warning: clock.warnAt,
    breach: clock.due,
    escalation: clock.due + policy.escalationDelayMs,
  } satisfies Record<AlertLevel, number>;
}

/**
 * The alerts to raise now for one running target clock (see `runningClocks`: an answered or resolved
 * conversation has none), each with a named reason. A warning whose breach point has already passed is
 * skipped (the breach says more); points older than `maxAgeMs` are not raised at all.
 */
export function decideAlerts(
  clock: Pick<RunningClock, "warnAt" | "due">,
  state: AlertState,
  now: number,
  policy: AlertPolicy,
): AlertDecision[] {
  const points = alertPoints(clock, policy);
  // A breach is `now > due` (README, How it measures); the other points are reached at their moment.
  const reached = (level: AlertLevel) => (level === "breach" ? now > points.breach : now >= points[level]);
  const fresh = (level: AlertLevel) =>
    !state.raised.has(level) && reached(level) && now - points[level] <= policy.maxAgeMs;
  const decisions: AlertDecision[] = [];
  if (fresh("warning") && !reached("breach")) {
    decisions.push({
      level: "warning",
      at: points.warning,
      reason: "share of the target elapsed",
    });
  }
  if (fresh("breach")) {
    decisions.push({ level: "breach", at: points.breach, reason: "due and not met" });
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
