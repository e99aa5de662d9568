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
  /** The conversation's page, where a person opens it from the email. */
  link: string;
}

/** An alert row with its conversation (absent when the thread was re-derived since) as an email item. */
export function toDigestItem(
  row: {
    level: DigestItem["level"];
    conversationId: string;
    account: string;
    source: string;
    customer: string | null;
    excerpt: string | null;
    startedAt: number | null;
    dueAt: number | null;
    firstResponseAt: number | null;
  },
  publicUrl: string,
): DigestItem {
  return {
    ...row,
    customer: row.customer ?? "(unknown)",
    startedAt: row.startedAt ?? 0,
    dueAt: row.dueAt ?? 0,
    link: `${publicUrl}/conversations/${encodeURIComponent(row.conversationId)}`,
  };
}
