/** The readable form of the results: an aligned text table. */
import type { BenchRow } from "./bench-types.js";

const HEADERS = ["name", "value", "unit", "baseline", "ratio", "target", "met"];

/** Formats rows as a table; a missed target or a broken invariant is marked in the last column. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.name,
    number(row.value),
    row.unit,
    row.baseline === null ? "-" : number(row.baseline),
    row.ratio === null ? "-" : row.ratio.toFixed(3),
    row.target ?? "-",
    verdict(row),
  ]);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...cells.map((line) => line[i]?.length ?? 0)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        // Numbers right-aligned so magnitudes line up.
        return i === 1 || i === 3 || i === 4 ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [render(HEADERS), rule, ...cells.map(render)].join("\n");
}

function verdict(row: BenchRow): string {
  if (row.met === null) return "-";
  if (row.met) return "yes";
  return row.invariant ? "NO (FAILED)" : "NO";
}

function number(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
