import { deriveConversations } from "../domain/conversations.js";
import { type MeasuredConversation, measureGroups } from "../domain/metrics.js";
import type { SlaPolicy } from "../domain/policy.js";
import type { SqliteHandle } from "../storage/database.js";
import { KnownAccounts } from "../storage/known-accounts.js";
import { scanThreads } from "../storage/thread-scan.js";
import { type MetricJson, metricJson } from "./metric-json.js";
import { type MetricsResult, queryMetrics } from "./metrics.js";

export interface ReportQuery {
  now: number;
  from?: number;
  to?: number;
  account?: string;
  /** The target and window to measure with; when they differ from the stored policy, threads are derived again. */
  policy: SlaPolicy;
}

export interface Report {
  now: string;
  target_ms: number;
  window_ms: number;
  accounts: Array<{ account: string } & MetricJson>;
  total: { account: string } & MetricJson;
}

export const TOTAL_ROW = "all";

/** The metric set per account and in total, as `report --json` prints it. */
export async function buildReport(
  handle: SqliteHandle,
  storedPolicy: SlaPolicy,
  query: ReportQuery,
): Promise<Report> {
  const same =
    query.policy.targetMs === storedPolicy.targetMs && query.policy.windowMs === storedPolicy.windowMs;
  const result = same
    ? await queryMetrics(handle.db, storedPolicy, {
        now: query.now,
        groupBy: "account",
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(query.account ? { account: query.account } : {}),
      })
    : measureDerived(handle, query);
  return {
    now: new Date(query.now).toISOString(),
    target_ms: query.policy.targetMs,
    window_ms: query.policy.windowMs,
    accounts: result.groups.map((group) => ({ account: group.key, ...metricJson(group.metrics) })),
    total: { account: TOTAL_ROW, ...metricJson(result.total) },
  };
}

/** Derives every thread again under the query's policy, in memory, changing nothing stored. */
function measureDerived(handle: SqliteHandle, query: ReportQuery): MetricsResult {
  const accounts = new KnownAccounts(handle.sqlite);
  function* selected(): Generator<MeasuredConversation & { account: string }> {
    for (const items of scanThreads(handle.sqlite)) {
      for (const conversation of deriveConversations(items, query.policy, accounts.lookup)) {
        if (query.from !== undefined && conversation.startedAt < query.from) continue;
        if (query.to !== undefined && conversation.startedAt >= query.to) continue;
        if (query.account && conversation.account !== query.account) continue;
        yield conversation;
      }
    }
  }
  const params = { now: query.now, targetMs: query.policy.targetMs, windowMs: query.policy.windowMs };
  return measureGroups(selected(), (conversation) => conversation.account, params);
}
