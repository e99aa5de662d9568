import { alerts, conversations } from "../../db/schema.js";

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
