import type { AlertConfig } from "../config.js";
import { type AlertLevel, type AlertPolicy, decideAlerts } from "../domain/alerts.js";
import type { SlaPolicy } from "../domain/policy.js";
import type { AlertStore, NewAlert, NoticeLevel } from "../storage/alert-store.js";
import { recipientsFor } from "./alert-recipients.js";

export interface AlertSettings {
  policy: SlaPolicy;
  warningShare: number;
  alerts: AlertConfig;
}

const CREATE_CHUNK = 250;

export type LevelCounts = Record<NoticeLevel, number>;

export const emptyCounts = (): LevelCounts => ({ warning: 0, breach: 0, escalation: 0, answered_late: 0 });

/**
 * Finds the conversations whose next alert point has passed and writes their alerts and deliveries to the
 * outbox (before anything is sent). Only open conversations due within the alert horizon are read, through
 * the index of open conversations, so the cost follows the open queue rather than history.
 */
export async function raiseAlerts(
  store: AlertStore,
  settings: AlertSettings,
  now: number,
): Promise<LevelCounts> {
  const config = settings.alerts;
  const policy: AlertPolicy = {
    warningShare: settings.warningShare,
    escalationDelayMs: config.escalationDelayMs,
    maxAgeMs: config.maxAgeMs,
    windowMs: settings.policy.windowMs,
  };
  const fresh: NewAlert[] = [];
  // The open queue a page at a time, without the conversations that have nothing left to raise (the store
  // yields to requests between pages).
  for await (const candidates of store.openConversationPages(
    now - config.maxAgeMs - config.escalationDelayMs,
    now + settings.policy.targetMs,
    { now, ...policy },
  )) {
    const state = new Map<string, { raised: Set<AlertLevel>; acknowledgedAt: number | null }>();
    for (const row of store.raisedFor(candidates.map((c) => c.id))) {
      const entry = state.get(row.conversationId) ?? { raised: new Set(), acknowledgedAt: null };
      if (row.level !== "answered_late") entry.raised.add(row.level);
      if (row.level === "breach") entry.acknowledgedAt = row.acknowledgedAt;
      state.set(row.conversationId, entry);
    }
    for (const conversation of candidates) {
      const known = state.get(conversation.id) ?? { raised: new Set<AlertLevel>(), acknowledgedAt: null };
      for (const decision of decideAlerts(conversation, known, now, policy)) {
        fresh.push({
          conversationId: conversation.id,
          level: decision.level,
          account: conversation.account,
          source: conversation.source,
          pointAt: decision.at,
          recipients: recipientsFor(config, conversation.account, decision.level),
        });
      }
    }
  }
  // A breach answered since it was sent is reported once more, as answered late, in the next email.
  for (const late of await store.answeredAfterBreach(now - config.maxAgeMs)) {
    fresh.push({
      conversationId: late.conversationId,
      level: "answered_late",
      account: late.account,
      source: late.source,
      pointAt: late.firstResponseAt ?? now,
      recipients: recipientsFor(config, late.account, "answered_late"),
    });
  }
  const counts = emptyCounts();
  // A flood (an outage, an import) can raise thousands at once: written in chunks, each one transaction,
  // yielding between them so requests are not held up. The unique key makes a cut-short cycle safe: what
  // was not written is raised by the next one.
  for (let i = 0; i < fresh.length; i += CREATE_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const alert of store.create(fresh.slice(i, i + CREATE_CHUNK), now)) counts[alert.level]++;
  }
  return counts;
}
