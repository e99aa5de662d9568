import type { AlertLevel } from "../domain/alerts.js";
import type { TargetName } from "../domain/policy.js";
import { nextResponseKey, targetOfKey } from "../domain/target-status.js";
import type { DigestRow } from "../storage/digest-columns.js";

/** One conversation in an alert email. */
export interface DigestItem {
  level: AlertLevel | "answered_late";
  /** The target the alert is about. */
  target: TargetName;
  conversationId: string;
  account: string;
  source: string;
  customer: string;
  excerpt: string | null;
  startedAt: number;
  /** The deadline of the alert's target. */
  dueAt: number;
  /** When the target was met (the first response); for a follow-up, the moment is not kept. */
  firstResponseAt: number | null;
  /** A follow-up's next response came since the alert (its time is not kept). */
  answeredSince: boolean;
  /** The conversation's page, where a person opens it from the email. */
  link: string;
}

/** An alert row with its conversation (absent when the thread was re-derived since) as an email item. */
export function toDigestItem(row: DigestRow, publicUrl: string): DigestItem {
  const target = targetOfKey(row.target);
  const followUpOpen =
    target === "next_response" &&
    row.nextPendingSince !== null &&
    nextResponseKey(row.nextPendingSince) === row.target;
  const dueAt =
    target === "first_response"
      ? row.dueAt
      : target === "resolution"
        ? row.resolutionDueAt
        : followUpOpen
          ? row.nextDueAt
          : null;
  return {
    level: row.level,
    target,
    conversationId: row.conversationId,
    account: row.account,
    source: row.source,
    customer: row.customer ?? "(unknown)",
    excerpt: row.excerpt,
    startedAt: row.startedAt ?? 0,
    // A breach is raised at its deadline; otherwise the alert's own moment is the best left to show.
    dueAt: dueAt ?? row.pointAt,
    firstResponseAt: target === "first_response" ? row.firstResponseAt : null,
    answeredSince: target === "next_response" && !followUpOpen,
    link: `${publicUrl}/conversations/${encodeURIComponent(row.conversationId)}`,
  };
}
