import type { AlertConfig } from "../config.js";
import type { PendingDelivery } from "../storage/alert-store.js";
import { renderAlertDigest } from "./alert-email.js";
import { type DigestItem, toDigestItem } from "./digest-item.js";
import type { Mailer } from "./mailer.js";
import type { AlertOutbox } from "./outbox-ports.js";

/** How long a claimed batch is reserved for its sender; after a crash it is retried once this has passed. */
export const LEASE_MS = 2 * 60_000;

export interface DeliveryResult {
  emails: number;
  delivered: number;
  failed: number;
  retrying: number;
}

/** Exponential backoff after the n-th failed attempt: 30 s, 1 min, 2 min, ... at most 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Sends the pending outbox: one email per recipient with all its pending alerts. A batch is claimed (batch
 * id, Message-ID, lease) before the send and marked sent after it; a batch a crash left claimed is sent
 * again as the same message, so a mail client shows it once.
 */
export async function deliverAlerts(
  store: AlertOutbox,
  mailer: Mailer,
  config: AlertConfig,
  now: number,
  timeZone = "UTC",
): Promise<DeliveryResult> {
  const result: DeliveryResult = { emails: 0, delivered: 0, failed: 0, retrying: 0 };
  for (const batch of batches(await store.pending(now))) {
    const batchId = batch[0]?.batchId ?? crypto.randomUUID();
    const messageId = batch[0]?.messageId ?? `<alerts-${batchId}@${mailDomain(config.publicUrl)}>`;
    if (
      !(await store.claim(
        batch.map((d) => d.id),
        batchId,
        messageId,
        now + LEASE_MS,
        now,
      ))
    )
      continue;
    const recipient = batch[0]?.recipient ?? "";
    const items = await digestItems(store, batch, config.publicUrl);
    const email = renderAlertDigest(items, { now, timeZone, statusUrl: `${config.publicUrl}/` });
    const day = new Date(now).toISOString().slice(0, 10);
    const thread = `<alerts-${day}@${mailDomain(config.publicUrl)}>`;
    try {
      await mailer.send({
        from: config.from,
        to: [recipient],
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        date: new Date(now),
        headers: { References: thread, "In-Reply-To": thread, "Thread-Topic": `SLA alerts ${day}` },
      });
      await store.markSent(batchId, now);
      result.emails++;
      result.delivered += batch.length;
    } catch (error) {
      const attempts = Math.max(...batch.map((d) => d.attempts)) + 1;
      await store.markFailed(
        batchId,
        (error as Error).message,
        now + backoffMs(attempts),
        config.maxAttempts,
      );
      if (attempts >= config.maxAttempts) result.failed += batch.length;
      else result.retrying += batch.length;
    }
  }
  return result;
}

/** A batch left claimed by an interrupted send stays as it was; the rest is grouped by recipient. */
function batches(pending: PendingDelivery[]): PendingDelivery[][] {
  const groups = new Map<string, PendingDelivery[]>();
  for (const delivery of pending) {
    const key = delivery.batchId ? `batch:${delivery.batchId}` : `to:${delivery.recipient}`;
    const group = groups.get(key) ?? [];
    group.push(delivery);
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function digestItems(
  store: AlertOutbox,
  batch: PendingDelivery[],
  publicUrl: string,
): Promise<DigestItem[]> {
  return (await store.digestRows(batch.map((d) => d.alertId))).map((row) => toDigestItem(row, publicUrl));
}

function mailDomain(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || "sla-monitor.local";
  } catch {
    return "sla-monitor.local";
  }
}
