import { createReadStream, statSync } from "node:fs";
import type { SlaEvent } from "../domain/event.js";
import { parseApiEvent } from "../ingest/api-event.js";
import { csvRecords } from "../ingest/csv-records.js";
import { ndjsonLines } from "../ingest/ndjson-lines.js";
import { createTwcsMapper, isTwcsHeader } from "../ingest/twcs.js";
import type { ThreadStore } from "../storage/thread-store.js";

export type ImportFormat = "twcs" | "ndjson";

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ImportSummary {
  format: ImportFormat;
  rows: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** The first rejections, with their line numbers. */
  firstRejections: Array<{ line: number; reason: string }>;
  seconds: number;
}

export interface ImportOptions {
  format?: ImportFormat;
  batchSize?: number;
  clock?: () => number;
  onProgress?: (progress: ImportProgress) => void;
}

interface Row {
  line: number;
  result: { ok: true; event: SlaEvent } | { ok: false; reason: string };
}

const MAX_REASONS = 10;

/**
 * Streams a twcs CSV or NDJSON file into the store in batches (memory stays flat in file size), then
 * attributes conversations to the accounts the file revealed. Importing the same file again changes nothing.
 */
export async function importFile(
  store: ThreadStore,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const clock = options.clock ?? Date.now;
  const started = performance.now();
  const format = options.format ?? (await detectFormat(path));
  const totalBytes = statSync(path).size;
  const counter = { bytesRead: 0 };
  const stream = countBytes(createReadStream(path, { highWaterMark: 256 * 1024 }), counter);
  const rows = format === "twcs" ? twcsRows(stream) : ndjsonRows(stream);
  const summary: ImportSummary = {
    format,
    rows: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    firstRejections: [],
    seconds: 0,
  };
  const batchSize = options.batchSize ?? 5000;
  let batch: SlaEvent[] = [];
  const flush = () => {
    for (const outcome of store.write(batch, clock(), { deferAttribution: true })) {
      if (outcome === "stored") summary.stored++;
      else summary.duplicates++;
    }
    batch = [];
    options.onProgress?.({ bytesRead: counter.bytesRead, totalBytes, rows: summary.rows });
  };
  for await (const row of rows) {
    summary.rows++;
    if (row.result.ok) batch.push(row.result.event);
    else {
      summary.rejected++;
      if (summary.firstRejections.length < MAX_REASONS)
        summary.firstRejections.push({ line: row.line, reason: row.result.reason });
    }
    if (batch.length >= batchSize) flush();
  }
  flush();
  store.reattribute();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** Reads the start of a file: a twcs header, or a JSON object on the first line. */
export async function detectFormat(path: string): Promise<ImportFormat> {
  for await (const record of csvRecords(createReadStream(path, { start: 0, end: 64 * 1024 }))) {
    if (isTwcsHeader(record.fields)) return "twcs";
    break;
  }
  for await (const line of ndjsonLines(createReadStream(path, { start: 0, end: 64 * 1024 }))) {
    if (line.text.trimStart().startsWith("{")) return "ndjson";
    break;
  }
  throw new Error(`${path}: cannot tell the format (expected a twcs CSV header or NDJSON); pass --format`);
}

async function* twcsRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<Row> {
  let map: ReturnType<typeof createTwcsMapper> | null = null;
  for await (const record of csvRecords(chunks)) {
    if (map === null) {
      map = createTwcsMapper(record.fields);
      continue;
    }
    const result = map(record.fields);
    yield {
      line: record.line,
      result: result.ok ? result : { ok: false, reason: `line ${record.line}: ${result.reason}` },
    };
  }
}

async function* ndjsonRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<Row> {
  for await (const { line, text } of ndjsonLines(chunks)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield {
        line,
        result: { ok: false, reason: `line ${line}: not valid JSON (${(error as Error).message})` },
      };
      continue;
    }
    const result = parseApiEvent(value);
    yield { line, result: result.ok ? result : { ok: false, reason: `line ${line}: ${result.reason}` } };
  }
}

async function* countBytes(
  stream: AsyncIterable<Buffer>,
  counter: { bytesRead: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    counter.bytesRead += chunk.length;
    yield chunk;
  }
}
