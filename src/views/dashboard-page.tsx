import type { Config } from "../config.js";
import { DASHBOARD_RANGES, type DashboardData, type DashboardRange } from "../services/dashboard-data.js";
import { SERIES_COLOURS } from "./chart-frame.js";
import { DailyChart } from "./daily-chart.js";
import { percent, shortTime } from "./format.js";
import { GoalsTable } from "./goals-table.js";
import { HeadlineCards } from "./headline-cards.js";
import { HeatLegend, HeatMap, HeatTable } from "./heat-map.js";
import { Layout } from "./layout.js";
import { LegendMark } from "./legend-mark.js";
import { MetricsTable } from "./metrics-table.js";
import { TtfrChart } from "./ttfr-chart.js";

const RANGE_LABEL: Record<DashboardRange, string> = {
  today: "Today",
  "7d": "7 days",
  "30d": "30 days",
  goal: "Goal window",
};

/** The goal lines' legend: one value when both goals agree (the default), both otherwise. */
function goalText(config: Config): string {
  const { attainment, responseRate } = config.goals;
  return attainment === responseRate
    ? `Goal ${percent(attainment)}`
    : `Goals: attainment ${percent(attainment)}, response rate ${percent(responseRate)}`;
}

/**
 * The leads' dashboard: headline numbers against the goals, the goals with their projections, two charts,
 * the weekday × hour heat map, and tables per account, source, account tag and first responder.
 */
export function DashboardPage({ data, config }: { data: DashboardData; config: Config }) {
  return (
    <Layout title="Dashboard" current="dashboard">
      <h1>How we answer customers</h1>
      <nav aria-label="Period">
        <ul class="range">
          {DASHBOARD_RANGES.map((range) => (
            <li>
              <a href={`/dashboard?range=${range}`} aria-current={range === data.range ? "page" : undefined}>
                {RANGE_LABEL[range]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="meta">{`Conversations started ${shortTime(data.from)} – ${shortTime(data.now)} UTC.`}</p>
      <HeadlineCards total={data.total} config={config} />
      <h2 id="goals-heading">Goals</h2>
      <p class="meta">
        Each goal is measured over its own trailing window (a week unless configured), whatever the period
        above, and projected to its deadline from its weekly values.
      </p>
      <GoalsTable goals={data.goals} timeZone={config.timeZone} />
      <div class="charts">
        <figure>
          <figcaption>Daily attainment and response rate</figcaption>
          <DailyChart
            days={data.days}
            goals={{ attainment: config.goals.attainment, responseRate: config.goals.responseRate }}
          />
          <ul class="legend">
            <li>
              <LegendMark colour={SERIES_COLOURS.attainment} marker="circle" />
              SLA attainment
            </li>
            <li>
              <LegendMark colour={SERIES_COLOURS.responseRate} marker="square" dashed />
              Response rate
            </li>
            <li>
              <LegendMark colour={SERIES_COLOURS.goal} dashed />
              {goalText(config)}
            </li>
          </ul>
          <details>
            <summary>Daily numbers</summary>
            <div class="table-wrap">
              <table id="daily-table">
                <thead>
                  <tr>
                    <th scope="col">Day (UTC)</th>
                    <th scope="col" class="num">
                      Conversations
                    </th>
                    <th scope="col" class="num">
                      Attainment
                    </th>
                    <th scope="col" class="num">
                      Response rate
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.days.map((p) => (
                    <tr>
                      <th scope="row">{p.day}</th>
                      <td class="num">{p.metrics?.conversations ?? 0}</td>
                      <td class="num">{percent(p.metrics?.attainment ?? null)}</td>
                      <td class="num">{percent(p.metrics?.responseRate ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>
        <figure>
          <figcaption>Time to first response</figcaption>
          <TtfrChart histogram={data.histogram} />
          <ul class="legend">
            <li>
              <LegendMark colour={SERIES_COLOURS.within} marker="bar" />
              Within the target
            </li>
            <li>
              <LegendMark colour={SERIES_COLOURS.over} marker="bar" />
              Over the target
            </li>
          </ul>
        </figure>
      </div>
      <figure class="wide">
        <figcaption>{`Conversations by weekday and hour of their start (${data.timeZone})`}</figcaption>
        <HeatMap cells={data.heat} timeZone={data.timeZone} attainmentGoal={config.goals.attainment} />
        <HeatLegend attainmentGoal={config.goals.attainment} />
        <details>
          <summary>Numbers by weekday and hour</summary>
          <HeatTable cells={data.heat} />
        </details>
      </figure>
      <h2>Per account</h2>
      <MetricsTable
        id="by-account"
        caption="Metrics per account"
        keyLabel="Account"
        groups={data.byAccount}
      />
      <h2>Per source</h2>
      <MetricsTable id="by-source" caption="Metrics per source" keyLabel="Source" groups={data.bySource} />
      <h2>Per account tag</h2>
      <MetricsTable
        id="by-tag"
        caption="Metrics per account tag (an account with several tags counts in each)"
        keyLabel="Tag"
        groups={data.byTag}
      />
      <h2>Per agent (first responder)</h2>
      <MetricsTable
        id="by-agent"
        caption="Metrics per author of the first response"
        keyLabel="First responder"
        groups={data.byAgent}
      />
    </Layout>
  );
}
