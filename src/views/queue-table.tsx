import { shortTime, timeLeftText } from "./format.js";
import type { QueueItem } from "./status-types.js";

const STATE_LABEL: Record<string, string> = { breaching: "Breaching", at_risk: "At risk", open: "Open" };

/**
 * The open conversations in the order agents should work them: breaching (most overdue first), at risk,
 * then the rest by due time. Each row's countdown carries its due time for the page script to tick.
 */
export function QueueTable({ rows, now }: { rows: readonly QueueItem[]; now: number }) {
  if (rows.length === 0) return <p class="empty">Nothing waiting for a first response. Well done.</p>;
  return (
    <div class="table-wrap">
      <table class="queue stack">
        <caption class="sr-only">Open conversations, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Time left</th>
            <th scope="col">Account</th>
            <th scope="col">Source</th>
            <th scope="col">Customer</th>
            <th scope="col">First message</th>
            <th scope="col">Started</th>
            <th scope="col">Due</th>
            <th scope="col">
              <span class="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const due = Date.parse(row.due_at);
            return (
              <tr class={row.state} data-id={row.id}>
                <td data-label="State">
                  <span class={`badge ${row.state}`}>{STATE_LABEL[row.state] ?? row.state}</span>
                </td>
                <td data-label="Time left">
                  <span class={due < now ? "countdown overdue" : "countdown"} data-due={row.due_at}>
                    {timeLeftText(due, now)}
                  </span>
                </td>
                <td data-label="Account">{row.account}</td>
                <td data-label="Source">{row.source}</td>
                <td data-label="Customer">{row.customer}</td>
                <td data-label="Message" class="excerpt">
                  {row.excerpt ?? "(no text)"}
                </td>
                <td data-label="Started" class="nowrap">
                  <time datetime={row.started_at}>{shortTime(row.started_at)}</time>
                </td>
                <td data-label="Due" class="nowrap">
                  <time datetime={row.due_at}>{shortTime(row.due_at)}</time>
                </td>
                <td data-label="">
                  <a href={`/conversations/${encodeURIComponent(row.id)}`}>
                    Open<span class="sr-only"> conversation {row.id}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
