/**
 * Child entry point of the `pathological` benchmark: one thread of `--length` messages, each a reply to
 * the previous one, customer and brand in turn, built through `ThreadStore.write` (the service's write
 * path, on a temp database), then its last `--samples` messages written one per transaction, each
 * followed by one event of a short, typical thread (from the same feed `http-ingest` posts): both timed.
 *
 *   node --import tsx scripts/bench/pathological-child.ts --db D --length L --samples K
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import type { SlaEvent } from "../../src/domain/event.js";
import { parseApiEvent } from "../../src/ingest/api-event.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import type { ThreadStore } from "../../src/storage/thread-store.js";
import { reportToParent } from "./child-process.js";
import { EventFeed } from "./event-feed.js";

const BUILD_BATCH = 1000;
/** Short threads written before measuring: JIT warm, and a database that is not empty. */
const WARMUP_EVENTS = 2000;
const START = Date.UTC(2026, 1, 1);
const STEP = 2 * 60_000;

export interface PathologicalReport {
  length: number;
  /** Milliseconds per event of short threads. */
  typical: number[];
  /** Milliseconds per event at the end of the long thread. */
  long: number[];
  /** Conversations and messages the long thread holds afterwards. */
  conversations: number;
  messages: number;
}

/** Message `i` of the long thread: the customer writes the even ones, the brand answers each. */
function longMessage(i: number): SlaEvent {
  const inbound = i % 2 === 0;
  return {
    type: "message",
    source: "api",
    id: `long-${i}`,
    direction: inbound ? "inbound" : "outbound",
    author: inbound ? "patient_customer" : "AcmeHelp",
    at: START + i * STEP,
    account: inbound ? null : "AcmeHelp",
    inReplyTo: i === 0 ? null : `long-${i - 1}`,
    links: [],
    conversation: null,
    text: inbound ? "@AcmeHelp and one more thing..." : "@patient_customer Thanks, noted.",
    automated: false,
  };
}

function typicalEvents(feed: EventFeed, count: number): SlaEvent[] {
  return Array.from({ length: count }, () => {
    const parsed = parseApiEvent(feed.next());
    if (!parsed.ok) throw new Error(`feed event rejected: ${parsed.reason}`);
    return parsed.event;
  });
}

function timedWrite(store: ThreadStore, event: SlaEvent): number {
  const started = performance.now();
  const [outcome] = store.write([event], event.at);
  const ms = performance.now() - started;
  if (outcome !== "stored") throw new Error(`${event.id} was not stored (${outcome})`);
  return ms;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, length: { type: "string" }, samples: { type: "string" } },
  });
  const length = Number(values.length);
  const samples = Number(values.samples);
  if (!values.db || !(length > 1) || !(samples >= 1 && samples < length)) {
    throw new Error("usage: pathological-child.ts --db D --length L --samples K (K < L)");
  }
  const service = createNodeService(loadConfig({ SLA_DB: values.db }));
  try {
    const { store } = service;
    const feed = new EventFeed("t");
    for (const event of typicalEvents(feed, WARMUP_EVENTS)) store.write([event], event.at);
    for (let from = 0; from < length - samples; from += BUILD_BATCH) {
      const to = Math.min(from + BUILD_BATCH, length - samples);
      const batch = Array.from({ length: to - from }, (_, k) => longMessage(from + k));
      store.write(batch, START);
    }
    // Built before timing, so that parsing is not part of what is compared.
    const typical = typicalEvents(feed, samples);
    const report: PathologicalReport = { length, typical: [], long: [], conversations: 0, messages: 0 };
    for (let k = 0; k < samples; k++) {
      report.long.push(timedWrite(store, longMessage(length - samples + k)));
      report.typical.push(timedWrite(store, typical[k] as SlaEvent));
    }
    const sqlite = service.handle.sqlite;
    const thread = sqlite.prepare("SELECT thread_id FROM messages WHERE id = 'long-0'").pluck().get();
    report.conversations = sqlite
      .prepare("SELECT count(*) FROM conversations WHERE thread_id = ?")
      .pluck()
      .get(thread) as number;
    report.messages = sqlite
      .prepare("SELECT count(*) FROM messages WHERE thread_id = ?")
      .pluck()
      .get(thread) as number;
    reportToParent({ ...report });
  } finally {
    await service.close();
  }
}

await main();
