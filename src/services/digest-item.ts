import type { AlertLevel } from "../domain/alerts.js";

/** One conversation in an alert email. */
export interface DigestItem {
  level: AlertLevel | "answered_late";
  conversationId: string;
  account: string;
  source: string;
  customer: string;
  excerpt: string | null;
  startedAt: number;
  dueAt: number;
  firstResponseAt: number | null;
  /** Where the conversation can be looked at. */
  link: string;
}
