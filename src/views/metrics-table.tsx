import { formatDuration } from "../domain/duration.js";
import type { MetricSet } from "../domain/metrics.js";
import { percent } from "./format.js";

/** One metric set per group (account or source), with the table's id and caption. */
export interface MetricsTableProps {
  id: string;
  caption: string;
  /** The header of the first column: `Account` or `Source`. */
  keyLabel: string;
  groups: ReadonlyArray<{ key: string; metrics: MetricSet }>;
}

const ttfr = (ms: number | null) => (ms === null ? "–" : formatDuration(ms));

/** The metric set per account or per source; scrolls sideways on a phone instead of squeezing. */
export function MetricsTable({ id, caption, keyLabel, groups }: MetricsTableProps) {
  return (
    <div class="table-wrap">
      <table id={id} class="stack">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" class="num">
              Conversations
            </th>
            <th scope="col" class="num">
              Response rate
            </th>
            <th scope="col" class="num">
              Attainment
            </th>
            <th scope="col" class="num">
              FCR
            </th>
            <th scope="col" class="num">
              TTFR p50
            </th>
            <th scope="col" class="num">
              TTFR p90
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.length === 0 ? (
            <tr>
              <td colspan={7} class="empty">
                No conversations in this range.
              </td>
            </tr>
          ) : (
            groups.map(({ key, metrics: m }) => (
              <tr>
                <th scope="row">{key}</th>
                <td data-label="Conversations" class="num">
                  {m.conversations}
                </td>
                <td data-label="Response rate" class="num">
                  {percent(m.responseRate)}
                </td>
                <td data-label="Attainment" class="num">
                  {percent(m.attainment)}
                </td>
                <td data-label="FCR" class="num">
                  {percent(m.fcrRate)}
                </td>
                <td data-label="TTFR p50" class="num">
                  {ttfr(m.ttfrP50Ms)}
                </td>
                <td data-label="TTFR p90" class="num">
                  {ttfr(m.ttfrP90Ms)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
