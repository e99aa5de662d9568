import { setImmediate as nextTick } from "node:timers/promises";
import { type Calendar, weeklyOpenMs } from "../domain/calendar.js";
import { type Conversation, deriveConversations } from "../domain/conversations.js";
import { formatDuration } from "../domain/duration.js";
import { matchingRules } from "../domain/matching-rules.js";
import { GroupedMetrics } from "../domain/metrics.js";
import { type PolicySet, TARGET_NAMES } from "../domain/policy.js";
import type { SqliteHandle } from "../storage/database.js";
import { KnownAccounts } from "../storage/known-accounts.js";
import { scanThreadPages } from "../storage/thread-scan.js";
import { type MetricJson, metricJson } from "./metric-json.js";
import { type MetricsResult, queryMetrics } from "./metrics.js";

/**
 * Other parameters to measure with: a first-response target and a calendar for every policy, a window.
 * Threads are then derived again in memory, changing nothing stored.
 */
export interface ReportOverride {
  targetMs?: number;
  windowMs?: number;
  calendar?: Calendar;
}

export interface ReportQuery {
  now: number;
  from?: number;
  to?: number;
  account?: string;
  /** The policies in force; the default first-response target is reported as `target_ms`. */
  policies: PolicySet;
  targetMs: number;
  /** Without it (or with nothing in it) the stored conversations are measured. */
  override?: ReportOverride;
  /** Called after each page of threads derived again: thread ids done out of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops a derivation between pages (a request that timed out). */
  signal?: AbortSignal;
}

/** What a report reads: drizzle for the stored conversations, the raw handle to scan threads. */
export type ReportSource = Pick<SqliteHandle, "db" | "sqlite">;

export interface Report {
  now: string;
  target_ms: number;
  window_ms: number;
  accounts: Array<{ account: string } & MetricJson>;
  total: { account: string } & MetricJson;
}

/** The report under the parameters in force and under other ones, side by side (`what-if --json`). */
export interface WhatIfReport {
  current: Report;
  what_if: Report;
}

export const TOTAL_ROW = "all";

/** The metric set per account and in total, as `report --json` prints it. */
export async function buildReport(source: ReportSource, query: ReportQuery): Promise<Report> {
  const set = query.override ? overridePolicies(query.policies, query.override) : query.policies;
  const result =
    set === query.policies
      ? await queryMetrics(source.db, set.windowMs, {
          now: query.now,
          groupBy: "account",
          ...(query.from !== undefined ? { from: query.from } : {}),
          ...(query.to !== undefined ? { to: query.to } : {}),
          ...(query.account ? { account: query.account } : {}),
        })
      : await measureDerived(source, set, query);
  return {
    now: new Date(query.now).toISOString(),
    target_ms: query.override?.targetMs ?? query.targetMs,
    window_ms: set.windowMs,
    accounts: result.groups.map((group) => ({ account: group.key, ...metricJson(group.metrics) })),
    total: { account: TOTAL_ROW, ...metricJson(result.total) },
  };
}

/**
 * The report of the stored conversations (`current`) beside the one the override would give (`what_if`),
 * both at the same `now` over the same filters; nothing stored changes.
 */
export async function buildWhatIf(
  source: ReportSource,
  query: ReportQuery & { override: ReportOverride },
): Promise<WhatIfReport> {
  const { override: _override, ...stored } = query;
  return { current: await buildReport(source, stored), what_if: await buildReport(source, query) };
}

export const MAX_WHAT_IF_TARGET_MS = 30 * 86_400_000;
export const MAX_WHAT_IF_WINDOW_MS = 365 * 86_400_000;
/** Weeks of a calendar's opening hours the longest target may need: deadlines are searched day by day. */
const MAX_TARGET_WEEKS = 52;

/**
 * Why an override would take too long to measure, naming its field (`target`, `window`, `calendar`); null
 * when it is fine. A calendar must reach every policy's longest target within a year of its hours.
 */
export function overrideProblem(policies: PolicySet, override: ReportOverride): string | null {
  if (override.targetMs !== undefined && override.targetMs > MAX_WHAT_IF_TARGET_MS) {
    return `target: at most ${formatDuration(MAX_WHAT_IF_TARGET_MS)}`;
  }
  if (override.windowMs !== undefined && override.windowMs > MAX_WHAT_IF_WINDOW_MS) {
    return `window: at most ${formatDuration(MAX_WHAT_IF_WINDOW_MS)}`;
  }
  if (!override.calendar) return null;
  const weekly = weeklyOpenMs(override.calendar);
  const longest = Math.max(
    ...overridePolicies(policies, override).policies.flatMap((policy) =>
      TARGET_NAMES.map((name) => policy.targets[name]?.targetMs ?? 0),
    ),
  );
  if (longest <= weekly * MAX_TARGET_WEEKS) return null;
  return (
    `calendar: open ${formatDuration(weekly)} a week, too little to reach a ${formatDuration(longest)} ` +
    `target within ${MAX_TARGET_WEEKS} weeks`
  );
}

/** Whether an override changes anything (the report then derives every thread again). */
export function overrides(override: ReportOverride): boolean {
  return (
    override.targetMs !== undefined || override.windowMs !== undefined || override.calendar !== undefined
  );
}

/** The policy set with the override's target, calendar and window in place; the set itself when it has none. */
export function overridePolicies(policies: PolicySet, override: ReportOverride): PolicySet {
  if (!overrides(override)) return policies;
  const { targetMs, calendar } = override;
  return {
    ...policies,
    windowMs: override.windowMs ?? policies.windowMs,
    policies: policies.policies.map((policy) => ({
      ...policy,
      ...(calendar ? { calendar } : {}),
      ...(targetMs === undefined
        ? {}
        : {
            targets: { ...policy.targets, first_response: { ...policy.targets.first_response, targetMs } },
          }),
    })),
  };
}

/**
 * Derives every thread again under the given policies, in memory, changing nothing stored. Threads are read
 * a page at a time and only the metric accumulators are kept, so memory stays flat; between pages the event
 * loop runs, so a server keeps answering while it works.
 */
async function measureDerived(
  source: ReportSource,
  set: PolicySet,
  query: ReportQuery,
): Promise<MetricsResult> {
  const accounts = new KnownAccounts(source.sqlite);
  const rules = matchingRules(set);
  const grouped = new GroupedMetrics((conversation: Conversation) => conversation.account, {
    now: query.now,
    windowMs: set.windowMs,
  });
  for (const page of scanThreadPages(source.sqlite)) {
    for (const items of page.threads) {
      for (const conversation of deriveConversations(items, rules, accounts.lookup)) {
        if (query.from !== undefined && conversation.startedAt < query.from) continue;
        if (query.to !== undefined && conversation.startedAt >= query.to) continue;
        if (query.account && conversation.account !== query.account) continue;
        grouped.add(conversation);
      }
    }
    query.onProgress?.(page.done, page.total);
    await nextTick();
    query.signal?.throwIfAborted();
  }
  return grouped.result();
}
