import type { AlertStore } from "../storage/alert-store.js";
import { type DeliveryResult, deliverAlerts } from "./deliver-alerts.js";
import type { Mailer } from "./mailer.js";
import { type AlertSettings, type LevelCounts, raiseAlerts } from "./raise-alerts.js";

export interface CycleResult {
  created: LevelCounts;
  delivery: DeliveryResult;
  /** Deliveries still waiting (for a retry, or claimed by another sender). */
  pending: number;
}

/** One detection and delivery cycle: raise what is due into the outbox, then send the outbox. */
export async function runAlertCycle(
  store: AlertStore,
  mailer: Mailer,
  settings: AlertSettings,
  now: number,
): Promise<CycleResult> {
  const created = raiseAlerts(store, settings, now);
  const timeZone = settings.alerts.summary?.timeZone ?? "UTC";
  const delivery = await deliverAlerts(store, mailer, settings.alerts, now, timeZone);
  return { created, delivery, pending: store.deliveryCounts().pending };
}

/** One line a person can read: what the cycle did. */
export function describeCycle(result: CycleResult, mailer: Mailer): string {
  const c = result.created;
  const d = result.delivery;
  return (
    `alerts created: ${c.warning} warning, ${c.breach} breach, ${c.escalation} escalation, ` +
    `${c.answered_late} answered late; emails sent: ${d.emails} (${d.delivered} alert deliveries) to ${mailer.description}; ` +
    `failed for good: ${d.failed}; retrying later: ${d.retrying}; pending: ${result.pending}`
  );
}
