import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import { type AccountTags, tagsOf, UNTAGGED } from "../domain/account-tags.js";
import {
  type MeasuredConversation,
  type MetricParams,
  type MetricSet,
  measure,
  measureGroups,
} from "../domain/metrics.js";
import { WEEKDAYS, weekdayHour } from "../domain/zoned-time.js";
import { clockColumns } from "../storage/conversation-rows.js";
import type { Db } from "../storage/database.js";
import { windowMetrics } from "./window-metrics.js";

/** The breakdowns of `GET /v1/metrics`: `hour` and `weekday` are of the start, in the breakdown zone. */
export const GROUP_BY = ["account", "source", "day", "tag", "agent", "hour", "weekday"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The group of conversations without a first response when grouping by agent. */
const UNANSWERED = "unanswered";

/** What the account-tag, hour and weekday breakdowns need besides the rows. */
export interface BreakdownSettings {
  accountTags: AccountTags;
  /** IANA zone of the `hour` and `weekday` breakdowns. */
  timeZone: string;
}

export interface MetricsQuery {
  now: number;
  from?: number;
  to?: number;
  account?: string;
  source?: string;
  groupBy?: GroupBy;
}

export interface MetricsResult {
  groups: Array<{ key: string; metrics: MetricSet }>;
  total: MetricSet;
}

/** A stored conversation as the metrics read it: its clocks, its grouping keys and its first responder. */
export type MetricRow = MeasuredConversation & { account: string; source: string; responder: string | null };

const NO_BREAKDOWN: BreakdownSettings = { accountTags: new Map(), timeZone: "UTC" };

/** The stored conversations started in `[from, to)` of one account and source, as the metrics need them. */
export async function loadMetricRows(
  db: Db,
  query: Omit<MetricsQuery, "now" | "groupBy">,
): Promise<MetricRow[]> {
  const c = conversations;
  const filters: Array<SQL | undefined> = [
    query.from !== undefined ? gte(c.startedAt, query.from) : undefined,
    query.to !== undefined ? lt(c.startedAt, query.to) : undefined,
    query.account ? eq(c.account, query.account) : undefined,
    query.source ? eq(c.source, query.source) : undefined,
  ];
  return db
    .select({ ...clockColumns, touches: c.touches, responder: c.responder })
    .from(c)
    .where(and(...filters));
}

/**
 * The local weekday and hour of a start. Zones differ from UTC by whole quarter hours, so one lookup per
 * quarter hour serves every conversation started in it (formatting in a zone is the slow part).
 */
function zonedKeys(timeZone: string) {
  const QUARTER = 900_000;
  const memo = new Map<number, { weekday: number; hour: number }>();
  return (ms: number) => {
    const quarter = Math.floor(ms / QUARTER);
    let parts = memo.get(quarter);
    if (!parts) {
      parts = weekdayHour(quarter * QUARTER, timeZone);
      memo.set(quarter, parts);
    }
    return parts;
  };
}

/** How each breakdown names a conversation's group(s). */
function keyFunction(groupBy: GroupBy, settings: BreakdownSettings): (row: MetricRow) => string | string[] {
  switch (groupBy) {
    case "account":
      return (row) => row.account;
    case "source":
      return (row) => row.source;
    case "day":
      return (row) => new Date(row.startedAt).toISOString().slice(0, 10);
    case "tag":
      return (row) => {
        const tags = tagsOf(settings.accountTags, row.account);
        return tags.length > 0 ? [...tags] : UNTAGGED;
      };
    case "agent":
      return (row) => row.responder ?? UNANSWERED;
    case "hour": {
      const local = zonedKeys(settings.timeZone);
      return (row) => String(local(row.startedAt).hour).padStart(2, "0");
    }
    case "weekday": {
      const local = zonedKeys(settings.timeZone);
      return (row) => WEEKDAYS[local(row.startedAt).weekday] ?? "mon";
    }
  }
}

/** Measures loaded rows per group of a breakdown (or as one total); weekdays come Monday first. */
export function groupMetricRows(
  rows: readonly MetricRow[],
  groupBy: GroupBy | undefined,
  params: MetricParams,
  settings: BreakdownSettings = NO_BREAKDOWN,
): MetricsResult {
  if (!groupBy) return { groups: [], total: measure(rows, params) };
  const { groups, total } = measureGroups(rows, keyFunction(groupBy, settings), params);
  if (groupBy === "weekday") {
    const order = (key: string) => WEEKDAYS.indexOf(key as (typeof WEEKDAYS)[number]);
    groups.sort((a, b) => order(a.key) - order(b.key));
  }
  return { groups, total };
}

/**
 * The metric set of stored conversations started in `[from, to)`, optionally grouped (`windowMs` is `W`).
 * Without a breakdown it comes from the daily rollups (window-metrics.ts); a breakdown measures every row.
 */
export async function queryMetrics(
  db: Db,
  windowMs: number,
  query: MetricsQuery,
  settings: BreakdownSettings = NO_BREAKDOWN,
): Promise<MetricsResult> {
  if (!query.groupBy) {
    const loadRows = (range: Omit<MetricsQuery, "now" | "groupBy">) => loadMetricRows(db, range);
    return { groups: [], total: await windowMetrics(db, windowMs, query, loadRows) };
  }
  const rows = await loadMetricRows(db, query);
  return groupMetricRows(rows, query.groupBy, { now: query.now, windowMs }, settings);
}

/** A weekday × hour grid (7 rows Monday first, 24 columns) of the rows' metric sets; null where none started. */
export function weekdayHourGrid(
  rows: readonly MetricRow[],
  params: MetricParams,
  timeZone: string,
): Array<Array<MetricSet | null>> {
  const local = zonedKeys(timeZone);
  const { groups } = measureGroups(
    rows,
    (row) => {
      const { weekday, hour } = local(row.startedAt);
      return `${weekday}:${hour}`;
    },
    params,
  );
  const cells = new Map(groups.map((g) => [g.key, g.metrics]));
  return WEEKDAYS.map((_, weekday) =>
    Array.from({ length: 24 }, (_, hour) => cells.get(`${weekday}:${hour}`) ?? null),
  );
}
