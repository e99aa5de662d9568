/**
 * Writes seeded synthetic support traffic of any size, streamed with flat memory, as a twcs-format CSV
 * (default) or as NDJSON events for `POST /v1/events` and `sla import`:
 *
 *   npx tsx scripts/generate-twcs.ts --rows 1000000 --out /tmp/x.csv [--format twcs|ndjson] [--seed 1]
 *     [--brands 20] [--start 2017-10-01] [--index-column] [--threads-per-day 9000] [--unanswered 0.2]
 *     [--returning 0.06] [--answer-delay 1] [--follow-ups 1]
 *
 * The same options give the same bytes; both formats of the same options hold the same messages.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { ndjsonEvents } from "./ndjson-events.js";
import { csvLine, type TwcsRowsOptions, twcsRows } from "./twcs-rows.js";

/** Bytes gathered before each write: few enough syscalls, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 16;

const USAGE =
  "usage: npx tsx scripts/generate-twcs.ts --rows N --out FILE [--format twcs|ndjson] [--seed 1] [--brands 20] " +
  "[--start 2017-10-01] [--index-column] [--threads-per-day 9000] [--unanswered SHARE] [--returning 0.06] " +
  "[--answer-delay 1] [--follow-ups 1]";

interface Cli extends TwcsRowsOptions {
  out: string;
  format: "twcs" | "ndjson";
}

function parseCli(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      out: { type: "string" },
      format: { type: "string", default: "twcs" },
      seed: { type: "string", default: "1" },
      brands: { type: "string", default: "20" },
      start: { type: "string", default: "2017-10-01" },
      "index-column": { type: "boolean", default: false },
      "threads-per-day": { type: "string" },
      unanswered: { type: "string" },
      returning: { type: "string" },
      "answer-delay": { type: "string" },
      "follow-ups": { type: "string" },
    },
  });
  if (values.rows === undefined || values.out === undefined) throw new Error(USAGE);
  if (values.format !== "twcs" && values.format !== "ndjson")
    throw new Error(`--format must be twcs or ndjson: ${values.format}`);
  if (values.format === "ndjson" && values["index-column"])
    throw new Error("--index-column is a twcs CSV column; NDJSON has none");
  // A bare date means midnight UTC, like the dataset's timestamps.
  const start = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(values.start) ? `${values.start}T00:00:00Z` : values.start,
  );
  if (Number.isNaN(start)) throw new Error(`--start is not a date: ${values.start}`);
  const knob = (name: string, text: string | undefined, max: number) =>
    text === undefined ? undefined : number(name, text, max);
  const threadsPerDay = knob("--threads-per-day", values["threads-per-day"], Number.POSITIVE_INFINITY);
  const unanswered = knob("--unanswered", values.unanswered, 1);
  const returning = knob("--returning", values.returning, 1);
  const answerDelay = knob("--answer-delay", values["answer-delay"], Number.POSITIVE_INFINITY);
  const followUps = knob("--follow-ups", values["follow-ups"], Number.POSITIVE_INFINITY);
  return {
    rows: integer("--rows", values.rows, 0),
    out: values.out,
    format: values.format,
    seed: integer("--seed", values.seed, 0),
    brands: integer("--brands", values.brands, 1),
    start,
    indexColumn: values["index-column"],
    // Left out when not given: the generator's defaults apply.
    ...(threadsPerDay === undefined ? {} : { threadsPerDay }),
    ...(unanswered === undefined ? {} : { unanswered }),
    ...(returning === undefined ? {} : { returning }),
    ...(answerDelay === undefined ? {} : { answerDelay }),
    ...(followUps === undefined ? {} : { followUps }),
  };
}

function integer(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}: ${text}`);
  return value;
}

function number(name: string, text: string, max: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > max)
    throw new Error(`${name} must be a number from 0 to ${max}: ${text}`);
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

function* lines(cli: Cli): Generator<string> {
  if (cli.format === "ndjson") for (const event of ndjsonEvents(cli)) yield JSON.stringify(event);
  else for (const row of twcsRows(cli)) yield csvLine(row);
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const started = performance.now();
  await writeLines(lines(cli), cli.out);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`wrote ${cli.rows} ${cli.format} rows to ${cli.out} in ${seconds.toFixed(2)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
