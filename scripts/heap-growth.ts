/**
 * Does anything in the service grow with the data it has stored? Writes events through the service's own
 * writer (as concurrent requests would), runs an alert cycle now and then, and after every step forces a
 * garbage collection and prints the heap and RSS. A heap that stays level while millions of events are
 * stored means nothing is kept per event in memory; RSS also holds SQLite's page cache and freed memory not
 * yet returned to the system, so it moves without trending.
 *
 *   node --expose-gc --import tsx scripts/heap-growth.ts [--events 1200000] [--step 100000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { parseApiEvent } from "../src/ingest/api-event.js";
import { createNodeService } from "../src/runtime/node-service.js";
import { EventFeed } from "./bench/event-feed.js";

/** Events submitted together, like as many concurrent single-event requests. */
const CONCURRENT = 50;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: "string", default: "1200000" }, step: { type: "string", default: "100000" } },
  });
  const events = Number(values.events);
  const step = Number(values.step);
  if (!gc) throw new Error("run with node --expose-gc --import tsx scripts/heap-growth.ts");
  if (!(events > 0 && step > 0)) throw new Error("--events and --step: positive numbers");
  const dir = mkdtempSync(join(tmpdir(), "sla-heap-"));
  const config = loadConfig({
    SLA_DB: join(dir, "sla.db"),
    SLA_API_TOKEN: "heap-growth-token-0123456789abcdef",
    SLA_TARGET: "2m",
    SLA_OUTBOX_DIR: join(dir, "outbox"),
    ALERT_TO: "leads@example.com",
  });
  const service = createNodeService(config);
  const feed = new EventFeed("h");
  // A millisecond per event: conversations go past their 2-minute target as the run goes on.
  let at = Date.UTC(2026, 2, 2, 9);
  const heap: number[] = [];
  console.log("events      heap MB  rss MB");
  try {
    for (let written = 0; written < events; ) {
      const until = Math.min(events, written + step);
      for (; written < until; written += CONCURRENT) {
        const batch = Array.from({ length: Math.min(CONCURRENT, until - written) }, () => {
          const parsed = parseApiEvent({ ...feed.next(), at: new Date(at++).toISOString() });
          if (!parsed.ok) throw new Error(parsed.reason);
          return service.deps.writer.submit([parsed.event]);
        });
        await Promise.all(batch);
      }
      await service.deps.alerts.runOnce(at);
      gc();
      const memory = process.memoryUsage();
      heap.push(memory.heapUsed);
      console.log(
        `${String(written).padEnd(10)}  ${mb(memory.heapUsed).padStart(7)}  ${mb(memory.rss).padStart(6)}`,
      );
    }
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const first = heap[0] ?? 0;
  const last = heap.at(-1) ?? 0;
  console.log(`heap after the first step ${mb(first)} MB, after the last ${mb(last)} MB`);
}

main().catch((error) => {
  console.error(`heap-growth failed: ${(error as Error).message}`);
  process.exit(1);
});
