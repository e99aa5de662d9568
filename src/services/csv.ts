/** CSV as RFC 4180 writes it, safe to open in a spreadsheet. */

export type CsvValue = string | number | boolean | null;

/** A field holding one of these is quoted (RFC 4180); a quote inside is doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Spreadsheets read a cell starting with one of these as a formula (CSV injection, as OWASP lists it):
 * such a text cell gets a leading single quote, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One text field: guarded against formulas, then quoted when it needs it. */
export function csvText(text: string): string {
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One record, CRLF-terminated: null is an empty field, numbers and booleans are written as they are. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values
    .map((value) => (value === null ? "" : typeof value === "string" ? csvText(value) : String(value)))
    .join(",")}\r\n`;
}
