import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import { type MeasuredConversation, type MetricSet, measureGroups } from "../domain/metrics.js";
import { clockColumns } from "../storage/conversation-rows.js";
import type { Db } from "../storage/database.js";

export type GroupBy = "account" | "source" | "day";

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

type Row = MeasuredConversation & { account: string; source: string };

const keyOf: Record<GroupBy, (row: Row) => string> = {
  account: (row) => row.account,
  source: (row) => row.source,
  day: (row) => new Date(row.startedAt).toISOString().slice(0, 10),
};

/** The metric set of stored conversations started in `[from, to)`, optionally grouped (`windowMs` is `W`). */
export async function queryMetrics(db: Db, windowMs: number, query: MetricsQuery): Promise<MetricsResult> {
  const c = conversations;
  const filters: Array<SQL | undefined> = [
    query.from !== undefined ? gte(c.startedAt, query.from) : undefined,
    query.to !== undefined ? lt(c.startedAt, query.to) : undefined,
    query.account ? eq(c.account, query.account) : undefined,
    query.source ? eq(c.source, query.source) : undefined,
  ];
  const rows: Row[] = await db
    .select({ ...clockColumns, touches: c.touches })
    .from(c)
    .where(and(...filters));
  const params = { now: query.now, windowMs };
  const groupKey = query.groupBy ? keyOf[query.groupBy] : () => "all";
  const { groups, total } = measureGroups(rows, groupKey, params);
  return { groups: query.groupBy ? groups : [], total };
}
