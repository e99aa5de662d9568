import type { Config } from "../config.js";
import { localDate, localParts, startOfLocalDay } from "../domain/zoned-time.js";
import type { Db } from "../storage/database.js";
import { recipientsFor } from "./alert-recipients.js";
import { backoffMs, LEASE_MS } from "./deliver-alerts.js";
import { toDigestItem } from "./digest-item.js";
import { getGoalReport } from "./goals.js";
import type { Mailer } from "./mailer.js";
import { queryMetrics } from "./metrics.js";
import type { SummaryOutbox } from "./outbox-ports.js";
import { renderDailySummary } from "./summary-email.js";

export type SummaryOutcome = { day: string; result: "sent" | "retrying" | "failed" } | null;

/**
 * Once the configured local hour has come, owes the leads a summary of the previous local day (recorded
 * before sending, like alerts), and sends what is owed. Returns what happened to a summary this cycle.
 */
export async function sendDailySummary(
  db: Db,
  store: SummaryOutbox,
  mailer: Mailer,
  config: Config,
  now: number,
): Promise<SummaryOutcome> {
  const schedule = config.alerts.summary;
  if (!schedule) return null;
  if (localParts(now, schedule.timeZone).hour >= schedule.hour) {
    const day = localDate(now, schedule.timeZone, -1);
    const recipients = recipientsFor(config.alerts, "", "breach");
    if (recipients.length > 0) await store.create(day, recipients, `<summary-${day}@sla-monitor>`, now);
  }
  let outcome: SummaryOutcome = null;
  for (const owed of await store.pending(now)) {
    if (!(await store.claim(owed.day, now + LEASE_MS, now))) continue;
    try {
      await mailer.send(
        await composeSummary(db, store, config, owed.day, owed.recipients.split(","), owed.messageId, now),
      );
      await store.markSent(owed.day, now);
      outcome = { day: owed.day, result: "sent" };
    } catch (error) {
      const attempts = owed.attempts + 1;
      const max = config.alerts.maxAttempts;
      await store.markFailed(owed.day, attempts, (error as Error).message, now + backoffMs(attempts), max);
      outcome = { day: owed.day, result: attempts >= max ? "failed" : "retrying" };
    }
  }
  return outcome;
}

async function composeSummary(
  db: Db,
  store: SummaryOutbox,
  config: Config,
  day: string,
  to: string[],
  messageId: string,
  now: number,
) {
  const timeZone = config.alerts.summary?.timeZone ?? "UTC";
  const from = startOfLocalDay(day, timeZone);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const to_ = startOfLocalDay(next, timeZone);
  const yesterday = await queryMetrics(db, config.policies.windowMs, { now, from, to: to_ });
  const windowFrom = now - config.goals.windowMs;
  const window = await queryMetrics(db, config.policies.windowMs, { now, from: windowFrom, to: now + 1 });
  const goalReport = await getGoalReport(db, config, now);
  const breaches = (await store.breachesBetween(from, to_)).map((row) =>
    toDigestItem(row, config.alerts.publicUrl),
  );
  const email = renderDailySummary({
    day,
    timeZone,
    yesterday: yesterday.total,
    window: { from: windowFrom, to: now, metrics: window.total },
    goals: config.goals,
    targetMs: config.targetMs,
    breaches,
    goalReport,
    now,
  });
  return { from: config.alerts.from, to, ...email, messageId, date: new Date(now), headers: {} };
}
