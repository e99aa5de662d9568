/**
 * Child entry point of the `import` benchmark, one import per process so that its peak RSS is its own:
 *
 *   node --import tsx scripts/bench/import-child.ts --mode real|baseline --file F --db D
 *
 * `real` imports through the service (`createNodeService` + `importFile`); `baseline` parses the same
 * file the same way (`csvRecords` + the twcs mapper) and inserts the rows with one raw better-sqlite3
 * prepared statement in one transaction, into a `messages` table with the same columns and unique
 * index and the same pragmas as `openDatabase`. Reports one JSON line: rows, stored count, seconds, RSS.
 */
import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { csvRecords } from "../../src/ingest/csv-records.js";
import { createTwcsMapper, type TwcsMapper } from "../../src/ingest/twcs.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import { importFile } from "../../src/services/import-file.js";
import { reportToParent } from "./child-process.js";
import { openRawMessages } from "./raw-messages.js";

/** What the child reports. */
export interface ImportChildReport {
  mode: "real" | "baseline";
  rows: number;
  rejected: number;
  /** Rows in `messages` afterwards. */
  count: number;
  seconds: number;
  maxRssKb: number;
}

async function importReal(file: string, dbPath: string): Promise<Omit<ImportChildReport, "maxRssKb">> {
  const service = createNodeService(loadConfig({ SLA_DB: dbPath }));
  try {
    const started = performance.now();
    let nextShare = 0.1;
    const summary = await importFile(service.store, file, {
      onProgress: (progress) => {
        // Progress for long runs, to the parent's stderr.
        if (progress.bytesRead < progress.totalBytes * nextShare) return;
        nextShare += 0.1;
        const seconds = (performance.now() - started) / 1000;
        console.error(`${progress.rows} rows in ${seconds.toFixed(1)} s`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const count = service.handle.sqlite.prepare("SELECT count(*) FROM messages").pluck().get() as number;
    return { mode: "real", rows: summary.rows, rejected: summary.rejected, count, seconds };
  } finally {
    await service.close();
  }
}

async function importBaseline(file: string, dbPath: string): Promise<Omit<ImportChildReport, "maxRssKb">> {
  const { sqlite, insert, count } = openRawMessages(dbPath);
  try {
    const receivedAt = Date.now();
    const started = performance.now();
    let rows = 0;
    let rejected = 0;
    let map: TwcsMapper | null = null;
    // BEGIN/COMMIT by hand: the rows arrive from an async stream, which `db.transaction()` cannot wrap.
    sqlite.exec("BEGIN");
    for await (const record of csvRecords(createReadStream(file, { highWaterMark: 256 * 1024 }))) {
      if (map === null) {
        map = createTwcsMapper(record.fields);
        continue;
      }
      rows++;
      const result = map(record.fields);
      if (!result.ok) {
        rejected++;
        continue;
      }
      insert(result.event, rows, receivedAt);
    }
    sqlite.exec("COMMIT");
    const seconds = (performance.now() - started) / 1000;
    return { mode: "baseline", rows, rejected, count: count(), seconds };
  } finally {
    sqlite.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mode: { type: "string" }, file: { type: "string" }, db: { type: "string" } },
  });
  const { mode, file, db } = values;
  if ((mode !== "real" && mode !== "baseline") || !file || !db) {
    throw new Error("usage: import-child.ts --mode real|baseline --file F --db D");
  }
  const report = mode === "real" ? await importReal(file, db) : await importBaseline(file, db);
  // Peak RSS of the whole process, read last so that it covers the import.
  reportToParent({ ...report, maxRssKb: process.resourceUsage().maxRSS });
}

await main();
