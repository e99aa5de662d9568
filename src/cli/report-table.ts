import { formatDuration } from "../domain/duration.js";
import type { Report } from "../services/report.js";

const percent = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);
const duration = (value: number | null) => (value === null ? "-" : formatDuration(value));

const COLUMNS: Array<[string, (row: Report["total"]) => string]> = [
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
  const rows = [...report.accounts, report.total].map((row) => COLUMNS.map(([, cell]) => cell(row)));
  const header = COLUMNS.map(([name]) => name);
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const body = rows.map(line);
  return [
    `SLA report at ${report.now}: target ${formatDuration(report.target_ms)}, window ${formatDuration(report.window_ms)}`,
    "",
    line(header),
    rule,
    ...body.slice(0, -1),
    rule,
    body[body.length - 1] ?? "",
  ].join("\n");
}
