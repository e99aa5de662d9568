import { formatDuration } from "../domain/duration.js";
import type { Report, WhatIfReport } from "../services/report.js";
import { alignedRows, duration, REPORT_COLUMNS } from "./report-table.js";

type Row = Report["total"];

/** The report's columns and business-time TTFR, which a calendar changes. */
const COLUMNS: Array<[string, (row: Row) => string]> = [
  ...REPORT_COLUMNS,
  ["bus p50", (row) => duration(row.ttfr_business_p50_ms)],
  ["bus p90", (row) => duration(row.ttfr_business_p90_ms)],
];

/**
 * Both reports in one table: a row per account (of either) and the total; a cell shows one value where
 * both agree and `current → what-if` where they differ. `calendar` describes the what-if's calendar.
 */
export function formatWhatIfTable(report: WhatIfReport, calendar: string | null): string {
  const { current, what_if: whatIf } = report;
  const byName = (rows: Row[]) => new Map(rows.map((row) => [row.account, row]));
  const before = byName(current.accounts);
  const after = byName(whatIf.accounts);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const pairs: Array<[string, Row | undefined, Row | undefined]> = [
    ...names.map((name): [string, Row | undefined, Row | undefined] => [
      name,
      before.get(name),
      after.get(name),
    ]),
    [current.total.account, current.total, whatIf.total],
  ];
  const rows = pairs.map(([name, was, will]) =>
    COLUMNS.map(([, cell], i) => {
      if (i === 0) return name;
      const a = was ? cell(was) : "-";
      const b = will ? cell(will) : "-";
      return a === b ? a : `${a} → ${b}`;
    }),
  );
  const params = (r: Report) =>
    `target ${formatDuration(r.target_ms)}, window ${formatDuration(r.window_ms)}`;
  return [
    `What-if at ${current.now}: cells read current → what-if where they differ`,
    `  current: ${params(current)}, each policy's calendar`,
    `  what-if: ${params(whatIf)}, ${calendar ? `calendar ${calendar} for every policy` : "each policy's calendar"}`,
    "",
    ...alignedRows(
      COLUMNS.map(([name]) => name),
      rows,
    ),
  ].join("\n");
}
