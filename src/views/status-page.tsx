import { formatDuration } from "../domain/duration.js";
import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import { AnsweredLateTable } from "./answered-late-table.js";
import { DeliveryBanner } from "./delivery-banner.js";
import { FilterForm } from "./filter-form.js";
import { shortTime } from "./format.js";
import { Layout } from "./layout.js";
import { QueueTable } from "./queue-table.js";
import { StatusCounts } from "./status-counts.js";
import { StatusGoals } from "./status-goals.js";
import type { DeliveryState, QueueFilters, QueueItem, StatusData } from "./status-types.js";

/** Everything the status page shows, gathered by the route. */
export interface StatusPageProps {
  status: StatusData;
  delivery: DeliveryState;
  answeredToday: number;
  filters: QueueFilters;
  options: { accounts: readonly string[]; sources: readonly string[] };
  /** The page's own URL, for the refresh link. */
  selfUrl: string;
  /** The configured goals at `now`, and the zone their dates are in. */
  goals: readonly GoalEvaluation[];
  timeZone: string;
}

/** Breaching (most overdue first), then at risk, then the rest: the order agents should work in. */
export function queueOrder(status: StatusData): QueueItem[] {
  const atRisk = status.due_next.filter((row) => row.state === "at_risk");
  const rest = status.due_next.filter((row) => row.state !== "at_risk");
  return [...status.breaching, ...atRisk, ...rest];
}

/**
 * The agents' status page. Everything that changes lives in `#live` (with the server's `now`), which the
 * page script swaps in place every 15 s; the filter form stays outside so a refresh never resets it.
 */
export function StatusPage(props: StatusPageProps) {
  const { status, delivery, answeredToday, filters, options, selfUrl } = props;
  const now = Date.parse(status.now);
  const rows = queueOrder(status);
  const hidden = status.counts.open - rows.length;
  return (
    <Layout title="Status" current="status" script>
      <h1>What needs an answer now</h1>
      <FilterForm filters={filters} accounts={options.accounts} sources={options.sources} />
      <div id="live" data-now={status.now}>
        <p class="meta">
          {`Updated ${shortTime(now)} UTC · target ${formatDuration(status.target_ms)} · times in UTC · `}
          <a href={selfUrl}>Refresh</a>
        </p>
        <DeliveryBanner state={delivery} />
        <StatusCounts
          open={status.counts.open}
          breaching={status.counts.breaching}
          atRisk={status.counts.at_risk}
          answeredToday={answeredToday}
        />
        <h2 id="queue-heading">Open conversations</h2>
        <QueueTable rows={rows} now={now} />
        {hidden > 0 ? (
          <p class="meta">{`${hidden} more open conversations not shown (a filter narrows the list).`}</p>
        ) : null}
        <h2>Answered late (last 24 hours)</h2>
        <AnsweredLateTable rows={status.answered_late} />
        <StatusGoals goals={props.goals} timeZone={props.timeZone} />
      </div>
    </Layout>
  );
}
