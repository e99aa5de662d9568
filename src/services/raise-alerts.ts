import type { AlertConfig } from "../config.js";
import { type AlertLevel, type AlertPolicy, decideAlerts } from "../domain/alerts.js";
import { type PolicyRegistry, policyOf } from "../domain/policy.js";
import { runningClocks } from "../domain/target-status.js";
import { FIRST_RESPONSE, type NewAlert, type NoticeLevel } from "../storage/alert-store.js";
import { pacer } from "../storage/pacer.js";
import { recipientsFor } from "./alert-recipients.js";
import type { AlertOutbox } from "./outbox-ports.js";

export interface AlertSettings {
  policies: PolicyRegistry;
  alerts: AlertConfig;
}

/** Alerts written per transaction (see `AlertStore`'s page sizes). */
const CREATE_CHUNK = 60;

export type LevelCounts = Record<NoticeLevel, number>;

export const emptyCounts = (): LevelCounts => ({ warning: 0, breach: 0, escalation: 0, answered_late: 0 });

interface ClockState {
  raised: Set<AlertLevel>;
  acknowledgedAt: number | null;
}

/**
 * Finds the conversations with a running clock (first response, a follow-up's next response, resolution)
 * whose warning point has passed, and writes their due alerts and deliveries to the outbox (before anything
 * is sent). Only rows in the index of running clocks are read, so the cost follows the open work.
 */
export async function raiseAlerts(
  store: AlertOutbox,
  settings: AlertSettings,
  now: number,
): Promise<LevelCounts> {
  const config = settings.alerts;
  const policy: AlertPolicy = { escalationDelayMs: config.escalationDelayMs, maxAgeMs: config.maxAgeMs };
  const keyOf = (conversationId: string, target: string) => `${conversationId}\u0000${target}`;
  const fresh: NewAlert[] = [];
  // The running clocks a page at a time (the store yields to requests between pages).
  for await (const candidates of store.runningConversationPages(
    now - config.maxAgeMs - config.escalationDelayMs,
    now,
  )) {
    const state = new Map<string, ClockState>();
    for (const row of await store.raisedFor(candidates.map((c) => c.id))) {
      const key = keyOf(row.conversationId, row.target);
      const entry = state.get(key) ?? { raised: new Set(), acknowledgedAt: null };
      if (row.level !== "answered_late") entry.raised.add(row.level);
      if (row.level === "breach") entry.acknowledgedAt = row.acknowledgedAt;
      state.set(key, entry);
    }
    for (const conversation of candidates) {
      const measuredWith = policyOf(settings.policies, conversation.policySet, conversation.policy);
      const windowMs = (settings.policies.set(conversation.policySet) ?? settings.policies.current).windowMs;
      for (const clock of runningClocks(conversation, measuredWith, now, windowMs)) {
        const known = state.get(keyOf(conversation.id, clock.key)) ?? {
          raised: new Set(),
          acknowledgedAt: null,
        };
        for (const decision of decideAlerts(clock, known, now, policy)) {
          fresh.push({
            conversationId: conversation.id,
            target: clock.key,
            level: decision.level,
            account: conversation.account,
            source: conversation.source,
            pointAt: decision.at,
            recipients: recipientsFor(config, conversation.account, decision.level),
          });
        }
      }
    }
  }
  // A breach answered since it was sent is reported once more, as answered late, in the next email.
  for (const late of await store.answeredAfterBreach(now - config.maxAgeMs)) {
    fresh.push({
      conversationId: late.conversationId,
      target: FIRST_RESPONSE,
      level: "answered_late",
      account: late.account,
      source: late.source,
      pointAt: late.firstResponseAt ?? now,
      recipients: recipientsFor(config, late.account, "answered_late"),
    });
  }
  const counts = emptyCounts();
  const pause = pacer();
  // A flood (an outage, an import) can raise thousands at once: written in chunks, each one transaction,
  // yielding between them so requests are not held up. The unique key makes a cut-short cycle safe: what
  // was not written is raised by the next one.
  for (let i = 0; i < fresh.length; i += CREATE_CHUNK) {
    if (i > 0) await pause();
    for (const alert of await store.create(fresh.slice(i, i + CREATE_CHUNK), now)) counts[alert.level]++;
  }
  return counts;
}
