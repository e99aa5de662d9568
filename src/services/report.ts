import { deriveConversations } from "../domain/conversations.js";
import { matchingRules } from "../domain/matching-rules.js";
import { type MeasuredConversation, measureGroups } from "../domain/metrics.js";
import type { PolicySet } from "../domain/policy.js";
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
  /** The policies in force; the default first-response target is reported as `target_ms`. */
  policies: PolicySet;
  targetMs: number;
  /**
   * Another first-response target (for every policy) or window to measure with: threads are then derived
   * again in memory, changing nothing stored. Without it the stored conversations are measured.
   */
  override?: { targetMs?: number; windowMs?: number };
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
export async function buildReport(handle: SqliteHandle, query: ReportQuery): Promise<Report> {
  const set = overridden(query);
  const result =
    set === query.policies
      ? await queryMetrics(handle.db, set.windowMs, {
          now: query.now,
          groupBy: "account",
          ...(query.from !== undefined ? { from: query.from } : {}),
          ...(query.to !== undefined ? { to: query.to } : {}),
          ...(query.account ? { account: query.account } : {}),
        })
      : measureDerived(handle, set, query);
  return {
    now: new Date(query.now).toISOString(),
    target_ms: query.override?.targetMs ?? query.targetMs,
    window_ms: set.windowMs,
    accounts: result.groups.map((group) => ({ account: group.key, ...metricJson(group.metrics) })),
    total: { account: TOTAL_ROW, ...metricJson(result.total) },
  };
}

/** The policy set with the query's target and window in place; the set itself without an override. */
function overridden(query: ReportQuery): PolicySet {
  const { override, policies } = query;
  if (override?.targetMs === undefined && override?.windowMs === undefined) return policies;
  const targetMs = override.targetMs;
  return {
    ...policies,
    windowMs: override.windowMs ?? policies.windowMs,
    policies: policies.policies.map((policy) =>
      targetMs === undefined
        ? policy
        : {
            ...policy,
            targets: { ...policy.targets, first_response: { ...policy.targets.first_response, targetMs } },
          },
    ),
  };
}

/** Derives every thread again under the given policies, in memory, changing nothing stored. */
function measureDerived(handle: SqliteHandle, set: PolicySet, query: ReportQuery): MetricsResult {
  const accounts = new KnownAccounts(handle.sqlite);
  const rules = matchingRules(set);
  function* selected(): Generator<MeasuredConversation & { account: string }> {
    for (const items of scanThreads(handle.sqlite)) {
      for (const conversation of deriveConversations(items, rules, accounts.lookup)) {
        if (query.from !== undefined && conversation.startedAt < query.from) continue;
        if (query.to !== undefined && conversation.startedAt >= query.to) continue;
        if (query.account && conversation.account !== query.account) continue;
        yield conversation;
      }
    }
  }
  return measureGroups(selected(), (conversation) => conversation.account, {
    now: query.now,
    windowMs: set.windowMs,
  });
}
