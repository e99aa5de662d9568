/**
 * Child entry point of the `batch-ingest` baseline: the first `--events` events of the same seeded feed
 * the service was sent, inserted with one raw better-sqlite3 prepared statement in one transaction (see
 * raw-messages.ts). The events are built before the clock starts: only the inserts are timed.
 *
 *   node --import tsx scripts/bench/raw-insert-child.ts --events N --prefix P --db D
 */
import { parseArgs } from "node:util";
import { reportToParent } from "./child-process.js";
import { EventFeed } from "./event-feed.js";
import { openRawMessages, type RawMessage } from "./raw-messages.js";

/** What the child reports. */
export interface RawInsertReport {
  events: number;
  /** Rows in `messages` afterwards. */
  count: number;
  seconds: number;
}

function main(): void {
  const { values } = parseArgs({
    options: { events: { type: "string" }, prefix: { type: "string" }, db: { type: "string" } },
  });
  const events = Number(values.events);
  if (!Number.isSafeInteger(events) || events < 1 || !values.prefix || !values.db) {
    throw new Error("usage: raw-insert-child.ts --events N --prefix P --db D");
  }
  const feed = new EventFeed(values.prefix);
  const rows: RawMessage[] = [];
  for (let i = 0; i < events; i++) {
    const e = feed.next();
    rows.push({
      source: e.source,
      id: e.id,
      type: "message",
      direction: e.direction,
      author: e.author,
      account: e.account ?? null,
      at: Date.parse(e.at),
      inReplyTo: e.in_reply_to ?? null,
      conversation: null,
      text: e.text,
      automated: false,
    });
  }
  const { sqlite, insert, count } = openRawMessages(values.db);
  try {
    const receivedAt = Date.now();
    const started = performance.now();
    sqlite.transaction(() => {
      for (const [i, row] of rows.entries()) insert(row, i + 1, receivedAt);
    })();
    const seconds = (performance.now() - started) / 1000;
    const report: RawInsertReport = { events, count: count(), seconds };
    reportToParent({ ...report });
  } finally {
    sqlite.close();
  }
}

main();
