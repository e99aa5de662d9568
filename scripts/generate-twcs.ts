/**
 * Writes a seeded twcs-format CSV of any size, streamed with flat memory:
 *
 *   npx tsx scripts/generate-twcs.ts --rows 1000000 --out /tmp/x.csv [--seed 1] [--brands 20]
 *     [--start 2017-10-01] [--index-column]
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { csvLine, type TwcsRowsOptions, twcsRows } from "./twcs-rows.js";

/** Bytes gathered before each write: few enough syscalls, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 16;

const USAGE =
  "usage: npx tsx scripts/generate-twcs.ts --rows N --out FILE [--seed 1] [--brands 20] [--start 2017-10-01] [--index-column]";

interface Cli extends TwcsRowsOptions {
  out: string;
}

function parseCli(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      brands: { type: "string", default: "20" },
      start: { type: "string", default: "2017-10-01" },
      "index-column": { type: "boolean", default: false },
    },
  });
  if (values.rows === undefined || values.out === undefined) throw new Error(USAGE);
  // A bare date means midnight UTC, like the dataset's timestamps.
  const start = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(values.start) ? `${values.start}T00:00:00Z` : values.start,
  );
  if (Number.isNaN(start)) throw new Error(`--start is not a date: ${values.start}`);
  return {
    rows: positiveInteger("--rows", values.rows, 0),
    out: values.out,
    seed: positiveInteger("--seed", values.seed, 0),
    brands: positiveInteger("--brands", values.brands, 1),
    start,
    indexColumn: values["index-column"],
  };
}

function positiveInteger(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}: ${text}`);
  return value;
}

/** Writes the lines in chunks, waiting for `drain` whenever the stream's buffer is full. */
async function writeLines(lines: Iterable<string>, out: string): Promise<void> {
  const stream = createWriteStream(out);
  let chunk = "";
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length < CHUNK_BYTES) continue;
    const flushed = stream.write(chunk);
    chunk = "";
    if (!flushed) await once(stream, "drain");
  }
  stream.end(chunk);
  await finished(stream);
}

function* lines(options: TwcsRowsOptions): Generator<string> {
  for (const row of twcsRows(options)) yield csvLine(row);
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const started = performance.now();
  await writeLines(lines(cli), cli.out);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`wrote ${cli.rows} rows to ${cli.out} in ${seconds.toFixed(2)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
