/**
 * Child entry point: seeds a database for the `status`, `scan` and `metrics` benchmarks (see
 * seed-plan.ts) through the service's own write path (`ThreadStore.write` in batches of 5,000 events,
 * accounts attributed at the end, as `sla import` does). The traffic is generated as it is written, so
 * memory stays flat whatever the size.
 *
 *   node --import tsx scripts/bench/seed-child.ts --db D --conversations N --seed S
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import type { SlaEvent } from "../../src/domain/event.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import { messageEventOf } from "../ndjson-events.js";
import { supportThreads } from "../support-threads.js";
import { reportToParent } from "./child-process.js";
import {
  CONVERSATIONS_PER_THREAD,
  SEED_DAYS,
  SEED_FROM,
  SEED_NOW,
  SEED_UNANSWERED,
  type SeedReport,
} from "./seed-plan.js";

const BATCH = 5000;

async function seed(dbPath: string, conversations: number, seedNumber: number): Promise<SeedReport> {
  const started = performance.now();
  const service = createNodeService(loadConfig({ SLA_DB: dbPath }));
  try {
    const { store } = service;
    const threads = supportThreads({
      seed: seedNumber,
      start: SEED_FROM,
      threadsPerDay: conversations / CONVERSATIONS_PER_THREAD / SEED_DAYS,
      unanswered: SEED_UNANSWERED,
    });
    const written = (tweet: { at: number }) => tweet.at <= SEED_NOW;
    let batch: SlaEvent[] = [];
    let threadCount = 0;
    let messages = 0;
    let nextReport = 0.1;
    for (const thread of threads) {
      if (thread.startedAt > SEED_NOW) break;
      threadCount++;
      for (const tweet of thread.tweets) {
        if (!written(tweet)) continue;
        batch.push(messageEventOf(tweet, written));
        messages++;
        if (batch.length < BATCH) continue;
        store.write(batch, SEED_NOW, { deferAttribution: true });
        batch = [];
      }
      const share = (thread.startedAt - SEED_FROM) / (SEED_NOW - SEED_FROM);
      if (share >= nextReport) {
        nextReport += 0.1;
        const seconds = (performance.now() - started) / 1000;
        console.error(`${(share * 100).toFixed(0)}%: ${messages} messages in ${seconds.toFixed(0)} s`);
      }
    }
    store.write(batch, SEED_NOW, { deferAttribution: true });
    store.reattribute();
    const count = (sql: string) => service.handle.sqlite.prepare(sql).pluck().get() as number;
    return {
      threads: threadCount,
      messages: count("SELECT count(*) FROM messages"),
      conversations: count("SELECT count(*) FROM conversations"),
      open: count(
        "SELECT count(*) FROM conversations WHERE first_response_at IS NULL AND resolved_at IS NULL",
      ),
      seconds: (performance.now() - started) / 1000,
      maxRssKb: 0,
    };
  } finally {
    // Folds the WAL into the file: the database is one self-contained file, ready to be cached.
    await service.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, conversations: { type: "string" }, seed: { type: "string" } },
  });
  const conversations = Number(values.conversations);
  const seedNumber = Number(values.seed ?? "1");
  if (!values.db || !(conversations >= 1) || !Number.isSafeInteger(seedNumber)) {
    throw new Error("usage: seed-child.ts --db D --conversations N [--seed S]");
  }
  const report = await seed(values.db, conversations, seedNumber);
  reportToParent({ ...report, maxRssKb: process.resourceUsage().maxRSS });
}

await main();
