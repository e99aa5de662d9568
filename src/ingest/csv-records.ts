/**
 * Streaming RFC 4180 CSV record parser.
 *
 * Scans each decoded chunk with `charCodeAt` and cuts fields with `slice`, so a field costs one or two
 * string allocations however long it is. Only the record in progress is carried between chunks, so memory
 * stays flat in file size (bounded by `maxRecordChars`).
 */

/** One CSV record and the 1-based physical line (counted in `\n`) where it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Options for {@link csvRecords} and {@link CsvRecordParser}. */
export interface CsvOptions {
  /**
   * A record longer than this (in UTF-16 code units) throws {@link CsvSyntaxError}: a stray opening
   * quote would otherwise swallow the rest of the file into one field. Default 8 Mi.
   */
  maxRecordChars?: number;
}

/** Text chunks as read from a file or stream; Buffers are decoded as UTF-8. */
export type TextChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Malformed CSV input (an unterminated quote, an oversized record), with the line where the record starts. */
export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

/** Default cap on one record's length, see {@link CsvOptions.maxRecordChars}. */
export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/**
 * Decodes chunks to strings: Buffers through one streaming TextDecoder (so a multi-byte character split
 * across chunks is rebuilt), a leading BOM dropped, empty pieces skipped.
 */
export async function* decodeChunks(chunks: TextChunks): AsyncGenerator<string> {
  // ignoreBOM keeps the decoder from eating it, so strings and Buffers get the same single strip below.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let atStart = true;
  for await (const chunk of chunks) {
    // A string after Buffers: flush any dangling partial character first to keep the order.
    const pieces =
      typeof chunk === "string" ? [decoder.decode(), chunk] : [decoder.decode(chunk, { stream: true })];
    for (let text of pieces) {
      if (text.length === 0) continue;
      if (atStart) {
        atStart = false;
        if (text.charCodeAt(0) === BOM) text = text.slice(1);
        if (text.length === 0) continue;
      }
      yield text;
    }
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield atStart && tail.charCodeAt(0) === BOM ? tail.slice(1) : tail;
}

/**
 * Incremental CSV parser: feed decoded text with {@link push}, then call {@link finish} once.
 * Records end at `\n` or `\r\n` outside quotes; a bare `\r` in an unquoted field is kept as data.
 * Lines with no characters at all give no record. After a closing quote, stray characters up to the next
 * separator are kept as data rather than rejected.
 */
export class CsvRecordParser {
  private readonly maxRecordChars: number;
  /** Completed fields of the record in progress. */
  private fields: string[] = [];
  /** The part of the field in progress already cut from earlier chunks. */
  private field = "";
  private inQuotes = false;
  /** The next character starts a field: only there does a `"` open a quoted field. */
  private atFieldStart = true;
  /** The record in progress had a quoted field, so `""` alone still makes a record. */
  private quoted = false;
  /** A chunk ended on a `"` inside quotes: the next character tells `""` from a closing quote. */
  private quotePending = false;
  /** A chunk ended on an unquoted `\r`: the next character tells `\r\n` from a bare `\r`. */
  private crPending = false;
  private line = 1;
  private recordLine = 1;

  constructor(options: CsvOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /** Parses one chunk of text, appending each record it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const n = text.length;
    if (n === 0) return;
    let i = this.resolvePending(text, out);
    let start = i;
    let field = this.field;
    let inQuotes = this.inQuotes;
    let atFieldStart = this.atFieldStart;
    let line = this.line;

    while (i < n) {
      if (inQuotes) {
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) break;
          if (c === LF) line++;
        }
        if (i >= n) break;
        if (i + 1 >= n) {
          // Cannot tell `""` from a closing quote until the next chunk.
          field += text.slice(start, i);
          this.quotePending = true;
          i = n;
          start = n;
          break;
        }
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += text.slice(start, i + 1);
          i += 2;
        } else {
          field += text.slice(start, i);
          inQuotes = false;
          i++;
        }
        start = i;
        continue;
      }
      if (atFieldStart) {
        atFieldStart = false;
        if (text.charCodeAt(i) === QUOTE) {
          inQuotes = true;
          this.quoted = true;
          i++;
          start = i;
          continue;
        }
      }
      // Unquoted: run to the next comma or newline.
      let c = 0;
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        if (c === COMMA || c === LF) break;
      }
      if (i >= n) break;
      if (c === COMMA) {
        this.fields.push(field + text.slice(start, i));
      } else {
        const end = i > start && text.charCodeAt(i - 1) === CR ? i - 1 : i;
        line++;
        this.line = line;
        this.endRecord(field + text.slice(start, end), out);
      }
      field = "";
      atFieldStart = true;
      i++;
      start = i;
    }

    if (start < n) {
      // An unquoted `\r` at the very end may be the first half of a `\r\n`: hold it back.
      if (!inQuotes && text.charCodeAt(n - 1) === CR) {
        field += text.slice(start, n - 1);
        this.crPending = true;
      } else {
        field += text.slice(start, n);
      }
    }
    this.field = field;
    this.inQuotes = inQuotes;
    this.atFieldStart = atFieldStart;
    this.line = line;
    this.checkLength();
  }

  /** Ends the input: appends the last record (when the text did not end with a newline) to `out`. */
  finish(out: CsvRecord[]): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw new CsvSyntaxError("unterminated quoted field", this.recordLine);
    if (this.crPending) {
      this.crPending = false;
      this.field += "\r";
    }
    if (this.fields.length > 0 || this.field.length > 0 || this.quoted) {
      this.endRecord(this.field, out);
    }
    this.field = "";
    this.atFieldStart = true;
  }

  /** Settles a `"` or `\r` left undecided at the end of the previous chunk; returns where to resume. */
  private resolvePending(text: string, out: CsvRecord[]): number {
    const first = text.charCodeAt(0);
    if (this.quotePending) {
      this.quotePending = false;
      if (first === QUOTE) {
        this.field += '"';
        return 1;
      }
      this.inQuotes = false;
      return 0;
    }
    if (this.crPending) {
      this.crPending = false;
      if (first === LF) {
        this.line++;
        this.endRecord(this.field, out);
        this.field = "";
        this.atFieldStart = true;
        return 1;
      }
      this.field += "\r";
    }
    return 0;
  }

  /** Closes the record with its last field; a line with no characters gives no record. */
  private endRecord(lastField: string, out: CsvRecord[]): void {
    const fields = this.fields;
    if (fields.length > 0 || lastField.length > 0 || this.quoted) {
      fields.push(lastField);
      out.push({ fields, line: this.recordLine });
      this.fields = [];
    }
    this.quoted = false;
    this.recordLine = this.line;
  }

  private checkLength(): void {
    let size = this.field.length;
    if (size === 0 && this.fields.length === 0) return;
    for (const f of this.fields) size += f.length;
    if (size > this.maxRecordChars) {
      throw new CsvSyntaxError(
        `record longer than ${this.maxRecordChars} characters (unterminated quote?)`,
        this.recordLine,
      );
    }
  }
}

/**
 * Streams CSV records from text or UTF-8 Buffer chunks split anywhere (RFC 4180 quoting; `\n` or `\r\n`
 * record ends; a leading BOM dropped; blank lines skipped). Throws {@link CsvSyntaxError} on an
 * unterminated quote or a record longer than `options.maxRecordChars`.
 */
export async function* csvRecords(chunks: TextChunks, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvRecordParser(options);
  const out: CsvRecord[] = [];
  for await (const text of decodeChunks(chunks)) {
    parser.push(text, out);
    // The batch is bounded by one chunk's size; nothing else touches it while suspended.
    for (const record of out) yield record;
    out.length = 0;
  }
  parser.finish(out);
  for (const record of out) yield record;
}
