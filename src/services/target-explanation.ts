import { addBusinessTime, businessTimeBetween, clockSegments } from "../domain/calendar.js";
import { isResolved } from "../domain/conversation-state.js";
import { runClocks, type ThreadItem } from "../domain/conversations.js";
import { compareByTime } from "../domain/order.js";
import type { SlaPolicy, TargetName, TargetSpec } from "../domain/policy.js";
import { resolutionMoment, resolutionOutcome, type TargetFacts } from "../domain/target-status.js";

/** Where a target's clock stands at `now`. */
export type ClockStatus = "met" | "missed" | "breaching" | "running" | "stopped" | "waiting_on_customer";

/** At most this many segments per clock are listed (a long clock over many closed nights). */
const MAX_SEGMENTS = 500;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Every target clock of a conversation, explained: its start, warning point, deadline, how it ended, its
 * status at `now`, and the calendar segments between start and deadline (counted, closed, holiday), so
 * anyone can see why the deadline falls where it does.
 */
export function explainTargets(
  row: TargetFacts,
  policy: SlaPolicy,
  items: ThreadItem[],
  now: number,
  windowMs: number,
) {
  const calendar = policy.calendar;
  const resolved = isResolved(row, now, windowMs);
  const explain = (
    target: TargetName,
    spec: TargetSpec,
    start: number,
    due: number,
    endedAt: number | null,
    status: ClockStatus,
  ) => {
    const until = Math.max(due, Math.min(endedAt ?? now, now));
    const segments = clockSegments(calendar, start, until);
    return {
      target,
      target_ms: spec.targetMs,
      warning_share: spec.warningShare,
      started_at: iso(start),
      clock_started_at: iso(addBusinessTime(calendar, start, 0)),
      warn_at: iso(addBusinessTime(calendar, start, Math.floor(spec.targetMs * spec.warningShare))),
      due_at: iso(due),
      ended_at: iso(endedAt),
      status,
      /** Business time counted so far (until the end, or `now`). */
      elapsed_business_ms: businessTimeBetween(calendar, start, Math.min(endedAt ?? now, now)),
      segments: segments.slice(0, MAX_SEGMENTS).map((s) => ({
        kind: s.kind,
        from: iso(s.from),
        to: iso(s.to),
        ...(s.label ? { label: s.label } : {}),
      })),
      segments_truncated: segments.length > MAX_SEGMENTS,
    };
  };
  const targets = [];
  const first = policy.targets.first_response;
  const answeredAt = row.firstResponseAt;
  targets.push(
    explain(
      "first_response",
      first,
      row.startedAt,
      row.dueAt,
      answeredAt ?? (resolved ? resolutionMoment(row, windowMs) : null),
      answeredAt !== null
        ? answeredAt <= row.dueAt
          ? "met"
          : "missed"
        : resolved
          ? "stopped"
          : now > row.dueAt
            ? "breaching"
            : "running",
    ),
  );
  const next = policy.targets.next_response;
  if (next) {
    const { followUps } = runClocks([...items].sort(compareByTime), policy);
    for (const followUp of followUps) {
      const status: ClockStatus =
        followUp.answeredAt !== null
          ? followUp.answeredAt <= followUp.due
            ? "met"
            : "missed"
          : followUp.resolvedAt !== null || resolved
            ? "stopped"
            : now > followUp.due
              ? "breaching"
              : "running";
      targets.push(
        explain(
          "next_response",
          next,
          followUp.since,
          followUp.due,
          followUp.answeredAt ?? followUp.resolvedAt,
          status,
        ),
      );
    }
  }
  const resolution = policy.targets.resolution;
  if (resolution && row.resolutionDueAt !== null) {
    const outcome = resolutionOutcome(row, now, windowMs);
    const status: ClockStatus =
      outcome === "met" || outcome === "missed"
        ? resolved || outcome === "met"
          ? outcome
          : "breaching"
        : row.lastDirection === "outbound"
          ? "waiting_on_customer"
          : "running";
    targets.push(
      explain(
        "resolution",
        resolution,
        row.startedAt,
        row.resolutionDueAt,
        resolved ? resolutionMoment(row, windowMs) : null,
        status,
      ),
    );
  }
  return targets;
}
