import type { Config } from "../config.js";
import type { PolicyRegistry } from "../domain/policy.js";
import type { Db } from "../storage/database.js";
import { type SummaryOutcome, sendDailySummary } from "./daily-summary.js";
import { type DeliveryResult, deliverAlerts } from "./deliver-alerts.js";
import type { Mailer } from "./mailer.js";
import type { AlertOutbox, SummaryOutbox } from "./outbox-ports.js";
import { type LevelCounts, raiseAlerts } from "./raise-alerts.js";

export interface CycleResult {
  created: LevelCounts;
  delivery: DeliveryResult;
  /** Deliveries still waiting (for a retry, or claimed by another sender). */
  pending: number;
  summary: SummaryOutcome;
}

export interface CycleDeps {
  db: Db;
  alerts: AlertOutbox;
  summaries: SummaryOutbox;
  policies: PolicyRegistry;
  mailer: Mailer;
  config: Config;
}

/** One detection and delivery cycle: raise what is due into the outbox, then send the outbox. */
export async function runAlertCycle(deps: CycleDeps, now: number): Promise<CycleResult> {
  const { alerts, mailer, config } = deps;
  const created = await raiseAlerts(alerts, { policies: deps.policies, alerts: config.alerts }, now);
  const timeZone = config.alerts.summary?.timeZone ?? "UTC";
  const delivery = await deliverAlerts(alerts, mailer, config.alerts, now, timeZone);
  const summary = await sendDailySummary(deps.db, deps.summaries, mailer, config, now);
  return { created, delivery, pending: await alerts.pendingCount(), summary };
}

/** One line a person can read: what the cycle did. */
export function describeCycle(result: CycleResult, mailer: Mailer): string {
  const c = result.created;
  const d = result.delivery;
  return (
    `alerts created: ${c.warning} warning, ${c.breach} breach, ${c.escalation} escalation, ` +
    `${c.answered_late} answered late; emails sent: ${d.emails} (${d.delivered} alert deliveries) to ${mailer.description}; ` +
    `failed for good: ${d.failed}; retrying later: ${d.retrying}; pending: ${result.pending}` +
    (result.summary ? `; daily summary ${result.summary.day}: ${result.summary.result}` : "")
  );
}
