/**
 * Maps rows of the "Customer Support on Twitter" (twcs) CSV to normalized message events.
 */
import type { Direction, MessageEvent } from "../domain/event.js";

/** The result of mapping one row: an event, or why the row was rejected (naming the field). */
export type TwcsRowResult = { ok: true; event: MessageEvent } | { ok: false; reason: string };

/** Maps the fields of one data row. */
export type TwcsMapper = (fields: string[]) => TwcsRowResult;

const REQUIRED_COLUMNS = ["tweet_id", "author_id", "inbound", "created_at"] as const;
const OPTIONAL_COLUMNS = ["text", "response_tweet_id", "in_response_to_tweet_id"] as const;

type RequiredColumn = (typeof REQUIRED_COLUMNS)[number];
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** Column positions; optional columns absent from the header are -1 (read as empty). */
type ColumnIndex = Record<RequiredColumn | OptionalColumn, number>;

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// `Tue Oct 31 22:10:47 +0000 2017`, Twitter's v1.1 `created_at`.
const CREATED_AT =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-])(\d{2})(\d{2})\s+(\d{4})$/i;
const DECIMAL_INTEGER = /^(\d+)\.0*$/;
const EXPONENT_FLOAT = /^\d+(?:\.\d+)?[eE]\+?\d+$/;
const MAX_QUOTED_VALUE = 40;
// Date.UTC maps years 0-99 to 19xx, and nothing on Twitter predates the epoch anyway.
const MIN_YEAR = 1970;

/** True when a header row holds the columns twcs rows need (`tweet_id`, `author_id`, `inbound`, `created_at`). */
export function isTwcsHeader(fields: string[]): boolean {
  const names = new Set(fields.map(normalizeName));
  return REQUIRED_COLUMNS.every((name) => names.has(name));
}

/**
 * Builds a row mapper from the header row. Columns are found by name (trimmed, case-insensitive), so extra
 * columns such as pandas' unnamed index are ignored. `text`, `response_tweet_id` and
 * `in_response_to_tweet_id` may be absent (read as empty); a missing required column throws.
 */
export function createTwcsMapper(header: string[]): TwcsMapper {
  const columns = indexColumns(header);
  const width = header.length;
  return (fields) => {
    // A different field count means the columns would be misaligned (e.g. an unquoted comma).
    if (fields.length !== width) {
      return { ok: false, reason: `row has ${fields.length} fields, header has ${width}` };
    }
    return mapRow(fields, columns);
  };
}

/**
 * Normalizes a tweet id: trimmed, and an integer-valued float (`3.0`, `3.`, `3e2`) written as its integer
 * (pandas writes id columns with gaps as floats). Other strings are kept as they are.
 */
export function normalizeTweetId(raw: string): string {
  const id = raw.trim();
  const decimal = DECIMAL_INTEGER.exec(id);
  if (decimal?.[1] !== undefined) return decimal[1];
  if (EXPONENT_FLOAT.test(id)) {
    const value = Number(id);
    if (Number.isSafeInteger(value)) return String(value);
  }
  return id;
}

/** Parses `Tue Oct 31 22:10:47 +0000 2017` to epoch milliseconds, or null when malformed or out of range. */
export function parseTwitterDate(raw: string): number | null {
  const m = CREATED_AT.exec(raw.trim());
  if (!m) return null;
  const [, monthName = "", day, hour, minute, second, sign, offsetHours, offsetMinutes, year] = m;
  const month = MONTHS[monthName.toLowerCase()];
  const y = Number(year);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const oh = Number(offsetHours);
  const om = Number(offsetMinutes);
  const valid =
    month !== undefined &&
    inRange(y, MIN_YEAR, 9999) &&
    inRange(d, 1, daysInMonth(y, month)) &&
    inRange(h, 0, 23) &&
    inRange(mi, 0, 59) &&
    inRange(s, 0, 59) &&
    inRange(oh, 0, 14) &&
    inRange(om, 0, 59);
  if (!valid) return null;
  const offsetMs = (sign === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  // The wall time is at `offset` from UTC, so UTC is wall time minus the offset.
  return Date.UTC(y, month, d, h, mi, s) - offsetMs;
}

function mapRow(fields: string[], columns: ColumnIndex): TwcsRowResult {
  const id = normalizeTweetId(read(fields, columns.tweet_id));
  if (id === "") return reject("tweet_id", "missing");
  const author = read(fields, columns.author_id).trim();
  if (author === "") return reject("author_id", "missing");
  const direction = parseInbound(read(fields, columns.inbound));
  if (typeof direction !== "string") return reject("inbound", direction.reason);
  const rawDate = read(fields, columns.created_at);
  if (rawDate.trim() === "") return reject("created_at", "missing");
  const at = parseTwitterDate(rawDate);
  if (at === null) return reject("created_at", `cannot parse ${quote(rawDate)}`);
  const text = read(fields, columns.text);
  const inReplyTo = normalizeTweetId(read(fields, columns.in_response_to_tweet_id));
  return {
    ok: true,
    event: {
      type: "message",
      source: "x",
      id,
      direction,
      author,
      at,
      account: direction === "outbound" ? author : null,
      inReplyTo: inReplyTo === "" ? null : inReplyTo,
      links: parseIdList(read(fields, columns.response_tweet_id)),
      conversation: null,
      text: text === "" ? null : text,
      automated: false,
    },
  };
}

function indexColumns(header: string[]): ColumnIndex {
  const names = header.map(normalizeName);
  // First occurrence wins, should a name repeat.
  const find = (name: string): number => names.indexOf(name);
  const missing = REQUIRED_COLUMNS.filter((name) => find(name) < 0);
  if (missing.length > 0) {
    throw new Error(
      `twcs header: missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  }
  return {
    tweet_id: find("tweet_id"),
    author_id: find("author_id"),
    inbound: find("inbound"),
    created_at: find("created_at"),
    text: find("text"),
    response_tweet_id: find("response_tweet_id"),
    in_response_to_tweet_id: find("in_response_to_tweet_id"),
  };
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

function read(fields: string[], index: number): string {
  return index < 0 ? "" : (fields[index] ?? "");
}

function parseInbound(raw: string): Direction | { reason: string } {
  const value = raw.trim().toLowerCase();
  if (value === "true" || value === "1") return "inbound";
  if (value === "false" || value === "0") return "outbound";
  return { reason: value === "" ? "missing" : `cannot parse ${quote(raw)}` };
}

/** `"5,7"` (already unquoted by the CSV parser) -> `["5", "7"]`; empty entries dropped. */
function parseIdList(raw: string): string[] {
  if (raw.trim() === "") return [];
  const ids: string[] = [];
  for (const part of raw.split(",")) {
    const id = normalizeTweetId(part);
    if (id !== "") ids.push(id);
  }
  return ids;
}

function daysInMonth(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 0;
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function reject(field: string, problem: string): TwcsRowResult {
  return { ok: false, reason: `${field}: ${problem}` };
}

/** Quotes a value for an error message, shortened so a runaway field does not flood the log. */
function quote(value: string): string {
  const short = value.length > MAX_QUOTED_VALUE ? `${value.slice(0, MAX_QUOTED_VALUE)}...` : value;
  return JSON.stringify(short);
}
