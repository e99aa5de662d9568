import { formatDuration } from "../domain/duration.js";
import type { ConversationDetail } from "../services/conversation-detail.js";
import { shortTime, timeLeftText } from "./format.js";
import { Layout } from "./layout.js";
import { TargetClocks } from "./target-clocks.js";

const STATE_LABEL: Record<ConversationDetail["state"], string> = {
  open: "Open",
  breaching: "Breaching",
  answered: "Answered in time",
  answered_late: "Answered late",
  resolved: "Resolved",
};

/**
 * One conversation: its facts, policy and deadline, its target clocks explained, its messages in order, and
 * the alerts raised for it.
 */
export function ConversationPage({ detail, now }: { detail: ConversationDetail; now: number }) {
  const due = Date.parse(detail.due_at);
  const waiting = detail.state === "open" || detail.state === "breaching";
  return (
    <Layout title={`Conversation ${detail.id}`} current={null} script={waiting}>
      <p>
        <a href="/">← Back to the queue</a>
      </p>
      <h1>
        {`Conversation ${detail.id} `}
        <span class={`badge ${detail.state}`}>{STATE_LABEL[detail.state]}</span>
      </h1>
      <div id="live" data-now={new Date(now).toISOString()}>
        <dl class="facts">
          <dt>Account</dt>
          <dd>{`${detail.account} (from ${detail.account_basis})`}</dd>
          <dt>Source</dt>
          <dd>{detail.source}</dd>
          <dt>Customer</dt>
          <dd>{detail.customer}</dd>
          <dt>Started</dt>
          <dd>
            <time datetime={detail.started_at}>{`${shortTime(detail.started_at)} UTC`}</time>
          </dd>
          <dt>Due</dt>
          <dd>
            <time datetime={detail.due_at}>{`${shortTime(detail.due_at)} UTC`}</time>
            {waiting ? (
              <>
                {" · "}
                <span class="countdown" data-due={detail.due_at}>
                  {timeLeftText(due, now)}
                </span>
              </>
            ) : null}
          </dd>
          <dt>First response</dt>
          <dd>
            {detail.first_response_at === null || detail.ttfr_ms === null
              ? "none yet"
              : `${shortTime(detail.first_response_at)} UTC, after ${formatDuration(detail.ttfr_ms)}`}
          </dd>
          <dt>Touches</dt>
          <dd>{detail.touches}</dd>
          <dt>Policy</dt>
          <dd>
            {`${detail.policy.name} v${detail.policy.version} · calendar ${detail.policy.calendar} (${detail.policy.time_zone})`}
          </dd>
          {detail.tags.length > 0 ? (
            <>
              <dt>Tags</dt>
              <dd>{detail.tags.join(", ")}</dd>
            </>
          ) : null}
          {detail.priority === null ? null : (
            <>
              <dt>Priority</dt>
              <dd>{detail.priority}</dd>
            </>
          )}
        </dl>
      </div>
      <TargetClocks detail={detail} />
      <h2>Messages</h2>
      <ol class="messages">
        {detail.messages.map((m) => (
          <li class={m.direction ?? m.type}>
            <div class="who">
              {`${m.direction === "outbound" ? "Brand" : m.direction === "inbound" ? "Customer" : m.type} · `}
              {`${m.author ?? "unknown"} · `}
              <time datetime={m.at}>{`${shortTime(m.at)} UTC`}</time>
              {m.automated ? " · automated (not a response)" : ""}
            </div>
            <p class="text">{m.type === "message" ? (m.text ?? "(no text)") : `${m.type} action`}</p>
          </li>
        ))}
      </ol>
      <h2>Alerts</h2>
      {detail.alerts.length === 0 ? (
        <p class="empty">No alerts raised for this conversation.</p>
      ) : (
        <div class="table-wrap">
          <table class="stack" id="alerts">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Point reached</th>
                <th scope="col">Raised</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {detail.alerts.map((a) => (
                <tr>
                  <td data-label="Level">{a.level}</td>
                  <td data-label="Point reached">{a.point_at === null ? "–" : shortTime(a.point_at)}</td>
                  <td data-label="Raised">{a.created_at === null ? "–" : shortTime(a.created_at)}</td>
                  <td data-label="Acknowledged">
                    {a.acknowledged_at === null
                      ? "no"
                      : `${shortTime(a.acknowledged_at)} by ${a.acknowledged_by ?? "unknown"}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
