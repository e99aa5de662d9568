import { formatDuration } from "../domain/duration.js";
import { shortTime } from "./format.js";
import type { StatusData } from "./status-types.js";

/** Conversations answered in the last 24 hours after their deadline: what breached and how late. */
export function AnsweredLateTable({ rows }: { rows: StatusData["answered_late"] }) {
  if (rows.length === 0) return <p class="empty">No late first responses in the last 24 hours.</p>;
  return (
    <div class="table-wrap">
      <table id="answered-late" class="stack">
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            <th scope="col">Account</th>
            <th scope="col">Source</th>
            <th scope="col">Customer</th>
            <th scope="col">Due</th>
            <th scope="col">Answered</th>
            <th scope="col" class="num">
              Late by
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td data-label="Conversation">
                <a href={`/conversations/${encodeURIComponent(row.id)}`}>{row.id}</a>
              </td>
              <td data-label="Account">{row.account}</td>
              <td data-label="Source">{row.source}</td>
              <td data-label="Customer">{row.customer}</td>
              <td data-label="Due" class="nowrap">
                <time datetime={row.due_at}>{shortTime(row.due_at)}</time>
              </td>
              <td data-label="Answered" class="nowrap">
                <time datetime={row.first_response_at}>{shortTime(row.first_response_at)}</time>
              </td>
              <td data-label="Late by" class="num">
                {formatDuration(row.late_by_ms)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
