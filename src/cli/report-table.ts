import { formatDuration } from "../domain/duration.js";
import type { Report } from "../services/report.js";

export const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);
export const duration = (value: number | null) => (value === null ? "-" : formatDuration(value));

/** The table's columns: a header and how a row shows in it. */
export const REPORT_COLUMNS: Array<[string, (row: Report["total"]) => string]> = [
  ["account", (row) => row.account],
  ["conv", (row) => String(row.conversations)],
  ["responded", (row) => String(row.responded)],
  ["due", (row) => String(row.due)],
  ["in target", (row) => String(row.within_target)],
  ["resolved", (row) => String(row.resolved)],
  ["fcr", (row) => String(row.fcr_resolved)],
  ["resp rate", (row) => percent(row.response_rate)],
  ["attain", (row) => percent(row.attainment)],
  ["fcr rate", (row) => percent(row.fcr_rate)],
  ["ttfr p50", (row) => duration(row.ttfr_p50_ms)],
  ["p90", (row) => duration(row.ttfr_p90_ms)],
  ["p95", (row) => duration(row.ttfr_p95_ms)],
];

/** The report as an aligned text table, accounts then the total. */
export function formatReportTable(report: Report): string {
  const rows = [...report.accounts, report.total].map((row) => REPORT_COLUMNS.map(([, cell]) => cell(row)));
  return [
    `SLA report at ${report.now}: target ${formatDuration(report.target_ms)}, window ${formatDuration(report.window_ms)}`,
    "",
    ...alignedRows(
      REPORT_COLUMNS.map(([name]) => name),
      rows,
    ),
  ].join("\n");
}

/** Header, rule, the rows (the first column left-aligned, the others right-aligned), a rule before the last row. */
export function alignedRows(header: string[], rows: string[][]): string[] {
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const body = rows.map(line);
  return [line(header), rule, ...body.slice(0, -1), rule, body[body.length - 1] ?? ""];
}
