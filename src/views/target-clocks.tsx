import { ALWAYS_OPEN } from "../domain/calendar.js";
import { formatDuration } from "../domain/duration.js";
import type { ConversationDetail } from "../services/conversation-detail.js";
import { zonedTime } from "./format.js";

type Clock = ConversationDetail["targets"][number];
type Segment = Clock["segments"][number];

const TARGET_LABEL: Record<Clock["target"], string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};

const STATUS_LABEL: Record<Clock["status"], string> = {
  met: "Met",
  missed: "Missed",
  breaching: "Breaching",
  running: "Running",
  stopped: "Stopped (resolved)",
  waiting_on_customer: "Waiting on customer",
};

/** Clocks that still tick: their explanation is open from the start. */
const LIVE: ReadonlySet<Clock["status"]> = new Set(["running", "breaching", "waiting_on_customer"]);

const kindLabel = (segment: Segment) =>
  segment.kind === "counted"
    ? "Counted"
    : segment.kind === "closed"
      ? "Outside business hours"
      : `Holiday: ${segment.label ?? "holiday"}`;

/** A duration for the tables: `2h 30m`; nothing yet reads `0m` rather than `0ms`. */
const span = (ms: number) => (ms === 0 ? "0m" : formatDuration(ms));

/** An instant in the calendar's zone as text; "–" for none. */
const when = (iso: string | null, zone: string) => (iso === null ? "–" : zonedTime(iso, zone));

/** A `<time>` in the calendar's zone; "–" for no time. */
function At({ iso, zone }: { iso: string | null; zone: string }) {
  return iso === null ? <>–</> : <time datetime={iso}>{zonedTime(iso, zone)}</time>;
}

/** The segments of one clock, with the business time counted by the end of each. */
function SegmentTable({ clock, zone, index }: { clock: Clock; zone: string; index: number }) {
  let counted = 0;
  return (
    <div class="table-wrap">
      <table class="stack segments" data-target={clock.target}>
        <caption class="sr-only">{`Calendar segments of the ${TARGET_LABEL[clock.target].toLowerCase()} clock ${index + 1}`}</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col" class="num">
              Duration
            </th>
            <th scope="col" class="num">
              Counted so far
            </th>
          </tr>
        </thead>
        <tbody>
          {clock.segments.map((segment) => {
            const length =
              segment.from === null || segment.to === null
                ? 0
                : Date.parse(segment.to) - Date.parse(segment.from);
            if (segment.kind === "counted") counted += length;
            return (
              <tr class={segment.kind}>
                <td data-label="Segment">
                  <span class={`badge ${segment.kind}`}>{kindLabel(segment)}</span>
                </td>
                <td data-label="From" class="nowrap">
                  <At iso={segment.from} zone={zone} />
                </td>
                <td data-label="To" class="nowrap">
                  <At iso={segment.to} zone={zone} />
                </td>
                <td data-label="Duration" class="num">
                  {span(length)}
                </td>
                <td data-label="Counted so far" class="num">
                  {span(counted)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A conversation's target clocks: one row per clock (status, start, where counting began, deadline, end,
 * business time counted), then per clock the calendar segments between its start and its deadline, so an
 * agent sees why the deadline falls where it does. Times are in the calendar's zone, as its hours are.
 */
export function TargetClocks({ detail }: { detail: ConversationDetail }) {
  const zone = detail.policy.time_zone;
  const clocks = detail.targets;
  return (
    <>
      <h2 id="targets-heading">Targets</h2>
      <p class="meta">
        {detail.policy.calendar === ALWAYS_OPEN.name
          ? `Calendar 24/7: every hour counts · times in ${zone}`
          : `Clocks count the business hours of calendar ${detail.policy.calendar} only · times in ${zone}`}
      </p>
      <div class="table-wrap">
        <table class="stack" id="targets" aria-labelledby="targets-heading">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Clock started</th>
              <th scope="col">Due</th>
              <th scope="col">Ended</th>
              <th scope="col" class="num">
                Business time
              </th>
              <th scope="col">Explain</th>
            </tr>
          </thead>
          <tbody>
            {clocks.map((clock, i) => (
              <tr class={clock.status} data-target={clock.target}>
                <td data-label="Target">{TARGET_LABEL[clock.target]}</td>
                <td data-label="Status">
                  <span class={`badge ${clock.status}`}>{STATUS_LABEL[clock.status]}</span>
                </td>
                <td data-label="Started" class="nowrap">
                  <At iso={clock.started_at} zone={zone} />
                </td>
                <td data-label="Clock started" class="nowrap">
                  {clock.clock_started_at === clock.started_at ? (
                    <span class="muted">same</span>
                  ) : (
                    <At iso={clock.clock_started_at} zone={zone} />
                  )}
                </td>
                <td data-label="Due" class="nowrap">
                  <At iso={clock.due_at} zone={zone} />
                </td>
                <td data-label="Ended" class="nowrap">
                  {clock.ended_at === null ? (
                    <span class="muted">not yet</span>
                  ) : (
                    <At iso={clock.ended_at} zone={zone} />
                  )}
                </td>
                <td data-label="Business time" class="num">
                  {`${span(clock.elapsed_business_ms)} of ${formatDuration(clock.target_ms)}`}
                </td>
                <td data-label="Explain">
                  <a href={`#clock-${i}`}>
                    {`${clock.segments.length} ${clock.segments.length === 1 ? "segment" : "segments"}`}
                    <span class="sr-only">{` explaining the ${TARGET_LABEL[clock.target].toLowerCase()} deadline`}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {clocks.map((clock, i) => (
        // The id sits inside the details: following an "Explain" link to a folded clock unfolds it.
        <details class="clock" data-clock={i} open={LIVE.has(clock.status)}>
          <summary>{`${TARGET_LABEL[clock.target]}: why it is due ${when(clock.due_at, zone)}`}</summary>
          <div id={`clock-${i}`}>
            <p class="meta">
              {`${formatDuration(clock.target_ms)} of business time from ${when(clock.started_at, zone)}: ` +
                "the deadline is where the counted time reaches the target."}
            </p>
            <SegmentTable clock={clock} zone={zone} index={i} />
            {clock.segments_truncated ? (
              <p class="meta">{`Only the first ${clock.segments.length} segments are listed.`}</p>
            ) : null}
          </div>
        </details>
      ))}
    </>
  );
}
