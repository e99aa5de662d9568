import type { AlertConfig } from "../config.js";

import { DigestBuilder } from "./alert-digest.js";
import { renderAlertEmail } from "./alert-email.js";
import { toDigestItem } from "./digest-item.js";
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
 * again as the same message, so a mail client shows it once. A batch is claimed and read in pages and only
 * what its email shows is kept, so a flood of alerts neither holds up requests nor fills memory.
 */
export async function deliverAlerts(
  store: AlertOutbox,
  mailer: Mailer,
  config: AlertConfig,
  now: number,
  timeZone = "UTC",
): Promise<DeliveryResult> {
  const result: DeliveryResult = { emails: 0, delivered: 0, failed: 0, retrying: 0 };
  for (const ready of await store.readyBatches(now)) {
    const batchId = ready.batchId ?? crypto.randomUUID();
    const messageId = ready.messageId ?? `<alerts-${batchId}@${mailDomain(config.publicUrl)}>`;
    const claim = { batchId, messageId, recipient: ready.recipient, resumed: ready.batchId !== null };
    if ((await store.claim(claim, now + LEASE_MS, now)) === 0) continue;
    const batch = await readBatch(store, batchId, config.publicUrl);
    const email = renderAlertEmail(batch.digest, { now, timeZone, statusUrl: `${config.publicUrl}/` });
    const day = new Date(now).toISOString().slice(0, 10);
    const thread = `<alerts-${day}@${mailDomain(config.publicUrl)}>`;
    try {
      await mailer.send({
        from: config.from,
        to: [ready.recipient],
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        date: new Date(now),
        headers: { References: thread, "In-Reply-To": thread, "Thread-Topic": `SLA alerts ${day}` },
      });
      await store.markSent(batchId, now);
      result.emails++;
      result.delivered += batch.deliveries;
    } catch (error) {
      const attempts = batch.attempts + 1;
      await store.markFailed(
        batchId,
        (error as Error).message,
        now + backoffMs(attempts),
        config.maxAttempts,
      );
      if (attempts >= config.maxAttempts) result.failed += batch.deliveries;
      else result.retrying += batch.deliveries;
    }
  }
  return result;
}

/** A claimed batch as its email needs it: the digest, how many deliveries, and the most attempts of any. */
async function readBatch(store: AlertOutbox, batchId: string, publicUrl: string) {
  const builder = new DigestBuilder();
  let deliveries = 0;
  let attempts = 0;
  for await (const page of store.batchPages(batchId)) {
    for (const delivery of page) {
      builder.add(toDigestItem(delivery, publicUrl));
      attempts = Math.max(attempts, delivery.attempts);
    }
    deliveries += page.length;
  }
  return { digest: builder.build(), deliveries, attempts };
}

function mailDomain(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || "sla-monitor.local";
  } catch {
    return "sla-monitor.local";
  }
}
