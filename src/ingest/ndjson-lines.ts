/**
 * Streaming line splitter for NDJSON (one JSON document per line).
 */
import { decodeChunks, type TextChunks } from "./csv-records.js";

/** One non-blank line (without its `\n` / `\r\n`) and its 1-based line number. */
export interface NdjsonLine {
  line: number;
  text: string;
}

/** Options for {@link ndjsonLines}. */
export interface NdjsonOptions {
  /** A line longer than this (in UTF-16 code units) throws, so memory stays bounded. Default 8 Mi. */
  maxLineChars?: number;
}

/** Default cap on one line's length, see {@link NdjsonOptions.maxLineChars}. */
export const DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;

const CR = 13;
const BLANK = /^\s*$/;

/**
 * Streams the non-blank lines of text or UTF-8 Buffer chunks split anywhere (`\n` or `\r\n` line ends, a
 * leading BOM dropped). Only the line in progress is buffered; a longer line than `maxLineChars` throws.
 */
export async function* ndjsonLines(
  chunks: TextChunks,
  options: NdjsonOptions = {},
): AsyncGenerator<NdjsonLine> {
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  let carry = "";
  let line = 1;
  for await (const text of decodeChunks(chunks)) {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      const out = toLine(carry + text.slice(start, nl), line);
      if (out) yield out;
      carry = "";
      line++;
      start = nl + 1;
    }
    carry += text.slice(start);
    if (carry.length > maxLineChars) {
      throw new Error(`line ${line}: longer than ${maxLineChars} characters`);
    }
  }
  const last = toLine(carry, line);
  if (last) yield last;
}

/** Drops a trailing `\r`; blank (empty or whitespace-only) lines give nothing. */
function toLine(raw: string, line: number): NdjsonLine | null {
  const text = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
  return BLANK.test(text) ? null : { line, text };
}
