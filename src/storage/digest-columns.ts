import { alerts, conversations } from "../../db/schema.js";
import type { AlertLevel } from "../domain/alerts.js";

/**
 * An alert as an email shows it: the alert (its level, target key and moment) and, left-joined, its
 * conversation as it stands now (null columns when the thread was re-derived since).
 */
export interface DigestRow {
  level: AlertLevel | "answered_late";
  target: string;
  pointAt: number;
  conversationId: string;
  account: string;
  source: string;
  customer: string | null;
  excerpt: string | null;
  startedAt: number | null;
  dueAt: number | null;
  firstResponseAt: number | null;
  nextPendingSince: number | null;
  nextDueAt: number | null;
  resolutionDueAt: number | null;
}

/** What an email shows of an alert: the alert and, left-joined, its conversation as it stands now. */
export const digestColumns = {
  level: alerts.level,
  target: alerts.target,
  pointAt: alerts.pointAt,
  conversationId: alerts.conversationId,
  account: alerts.account,
  source: alerts.source,
  customer: conversations.customer,
  excerpt: conversations.excerpt,
  startedAt: conversations.startedAt,
  dueAt: conversations.dueAt,
  firstResponseAt: conversations.firstResponseAt,
  nextPendingSince: conversations.nextPendingSince,
  nextDueAt: conversations.nextDueAt,
  resolutionDueAt: conversations.resolutionDueAt,
};
