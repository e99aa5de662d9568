/**
 * Seeded rows in the format of the "Customer Support on Twitter" (twcs) dataset, for importer tests and
 * benchmarks at any size. No I/O: `generate-twcs.ts` streams these rows to a file.
 */
import { type GeneratedTweet, type SupportThreadsOptions, supportThreads } from "./support-threads.js";

/** The dataset's columns, in order. */
export const TWCS_COLUMNS: readonly string[] = [
  "tweet_id",
  "author_id",
  "inbound",
  "created_at",
  "text",
  "response_tweet_id",
  "in_response_to_tweet_id",
];

/** Options of {@link twcsRows}: the traffic's knobs, the size, and the file's shape. */
export interface TwcsRowsOptions extends SupportThreadsOptions {
  /** Data rows to produce (the header is extra). */
  rows: number;
  /** Adds the unnamed leading index column that pandas wrote into the published file. */
  indexColumn?: boolean;
}

/**
 * Quotes a CSV line the way pandas/Python `csv` (QUOTE_MINIMAL) do: a field is quoted when it holds a
 * comma, a quote or a line break, and quotes inside are doubled. Returns the line without a terminator.
 */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

function csvField(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Twitter's `created_at` format, always UTC: `Tue Oct 31 22:10:47 +0000 2017`. */
export function formatTwitterDate(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} +0000 ${date.getUTCFullYear()}`;
}

/**
 * Yields the header, then `rows` data rows grouped by thread (a thread's tweets are adjacent, and ids
 * follow that order rather than time, like the crawl behind the dataset). Every reply points at a
 * tweet in the output; memory stays flat whatever `rows` is.
 */
export function* twcsRows(options: TwcsRowsOptions): Generator<string[], void, undefined> {
  const indexColumn = options.indexColumn ?? false;
  yield indexColumn ? ["", ...TWCS_COLUMNS] : [...TWCS_COLUMNS];
  let written = 0;
  for (const thread of supportThreads(options)) {
    for (const tweet of thread.tweets) {
      const row = twcsRow(tweet);
      yield indexColumn ? [String(written), ...row] : row;
      written++;
    }
  }
}

/** One tweet as the dataset's fields. */
export function twcsRow(tweet: GeneratedTweet): string[] {
  return [
    String(tweet.id),
    tweet.author,
    tweet.inbound ? "True" : "False",
    formatTwitterDate(tweet.at),
    tweet.text,
    tweet.replies.map((reply) => reply.id).join(","),
    // pandas wrote this column as floats because it has empty cells.
    tweet.parent ? `${tweet.parent.id}.0` : "",
  ];
}
