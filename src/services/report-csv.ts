import { type CsvValue, csvRecord } from "./csv.js";
import type { Report } from "./report.js";

type Row = Report["total"];

/** The columns of `metrics.csv`: a report row, its per-target attainment flattened. */
const COLUMNS: Array<[string, (row: Row) => CsvValue]> = [
  ["account", (row) => row.account],
  ["conversations", (row) => row.conversations],
  ["responded", (row) => row.responded],
  ["due", (row) => row.due],
  ["within_target", (row) => row.within_target],
  ["resolved", (row) => row.resolved],
  ["fcr_resolved", (row) => row.fcr_resolved],
  ["response_rate", (row) => row.response_rate],
  ["attainment", (row) => row.attainment],
  ["fcr_rate", (row) => row.fcr_rate],
  ["ttfr_p50_ms", (row) => row.ttfr_p50_ms],
  ["ttfr_p90_ms", (row) => row.ttfr_p90_ms],
  ["ttfr_p95_ms", (row) => row.ttfr_p95_ms],
  ["ttfr_business_p50_ms", (row) => row.ttfr_business_p50_ms],
  ["ttfr_business_p90_ms", (row) => row.ttfr_business_p90_ms],
  ["ttfr_business_p95_ms", (row) => row.ttfr_business_p95_ms],
  ["next_response_due", (row) => row.targets.next_response.due],
  ["next_response_within", (row) => row.targets.next_response.within],
  ["next_response_attainment", (row) => row.targets.next_response.attainment],
  ["resolution_due", (row) => row.targets.resolution.due],
  ["resolution_within", (row) => row.targets.resolution.within],
  ["resolution_attainment", (row) => row.targets.resolution.attainment],
];

/** The report as CSV: a header, one row per account, then the total (`all`). */
export function reportCsv(report: Report): string {
  return [
    COLUMNS.map(([name]) => name),
    ...[...report.accounts, report.total].map((row) => COLUMNS.map(([, value]) => value(row))),
  ]
    .map(csvRecord)
    .join("");
}
