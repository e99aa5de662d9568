import type { Goals } from "../config.js";
import type { PolicySet } from "../domain/policy.js";
import type { Db } from "../storage/database.js";
import { statusStatements } from "../storage/status-queries.js";
import { conversationsVersion, goalWindow } from "./goal-window-cache.js";
import { statusLists } from "./status-lists.js";

export interface StatusQuery {
  now: number;
  account?: string;
  source?: string;
  limit: number;
}

export interface StatusSettings {
  policies: PolicySet;
  /** The default policy's first-response target. */
  targetMs: number;
  warningShare: number;
  goals: Goals;
}

/**
 * ISO times of the moments the status lists, remembered: the same rows are listed to every agent that
 * polls, and formatting 150 dates per answer is a good part of its cost.
 */
const isoTimes = new Map<number, string>();
function iso(ms: number): string {
  let text = isoTimes.get(ms);
  if (text === undefined) {
    if (isoTimes.size >= 10_000) isoTimes.clear();
    text = new Date(ms).toISOString();
    isoTimes.set(ms, text);
  }
  return text;
}

/** What needs an answer now: counts, the breaching queue (oldest due first), what is due next, and the goals. */
export async function getStatus(db: Db, settings: StatusSettings, query: StatusQuery) {
  const { now, limit } = query;
  const filters = {
    ...(query.account ? { account: query.account } : {}),
    ...(query.source ? { source: query.source } : {}),
  };
  const q = statusStatements(db, filters);
  const values = { ...filters, now, limit };
  const [openCount] = await q.openCount.all(values);
  const [notDue] = await q.notDueCounts.all(values);
  const [followUpCounts] = await q.followUpCounts.all(values);
  const version = await conversationsVersion(db);
  const { breaching, dueNext, followUps, answeredLate } = await statusLists(db, version, filters, now, limit);
  const item = (row: (typeof breaching)[number]) => ({
    id: row.id,
    source: row.source,
    account: row.account,
    customer: row.customer,
    excerpt: row.excerpt,
    started_at: iso(row.startedAt),
    due_at: iso(row.dueAt),
    state: row.dueAt < now ? "breaching" : now >= row.warnAt ? "at_risk" : "open",
    time_left_ms: Math.max(0, row.dueAt - now),
    overdue_ms: Math.max(0, now - row.dueAt),
    policy: row.policy,
    messages: row.messages,
  });
  const { goals } = settings;
  // Measured at most once a minute (and on every change of the conversations): see goal-window-cache.ts.
  const window = await goalWindow(
    db,
    settings.policies.windowMs,
    { now, goalWindowMs: goals.windowMs, ...filters },
    version,
  );
  const goal = (value: number | null, target: number) => ({
    value,
    goal: target,
    met: value === null ? null : value >= target,
  });
  return {
    now: iso(now),
    target_ms: settings.targetMs,
    warning_share: settings.warningShare,
    filters: { account: query.account ?? null, source: query.source ?? null },
    counts: {
      open: Number(openCount?.n ?? 0),
      breaching: Number(openCount?.n ?? 0) - (notDue?.n ?? 0),
      at_risk: Number(notDue?.atRisk ?? 0),
    },
    breaching: breaching.map(item),
    due_next: dueNext.map(item),
    follow_ups: {
      waiting: followUpCounts?.waiting ?? 0,
      breaching: Number(followUpCounts?.breaching ?? 0),
      items: followUps.map((row) => {
        const due = row.dueAt ?? now;
        return {
          id: row.id,
          source: row.source,
          account: row.account,
          customer: row.customer,
          excerpt: row.excerpt,
          policy: row.policy,
          waiting_since: iso(row.since ?? due),
          due_at: iso(due),
          state: due < now ? "breaching" : "open",
          time_left_ms: Math.max(0, due - now),
          overdue_ms: Math.max(0, now - due),
        };
      }),
    },
    answered_late: answeredLate.map((row) => ({
      id: row.id,
      account: row.account,
      source: row.source,
      customer: row.customer,
      started_at: iso(row.startedAt),
      due_at: iso(row.dueAt),
      first_response_at: iso(row.firstResponseAt ?? now),
      late_by_ms: (row.firstResponseAt ?? now) - row.dueAt,
    })),
    goals: {
      window: { from: iso(window.from), to: iso(window.measuredAt) },
      conversations: window.total.conversations,
      response_rate: goal(window.total.responseRate, goals.responseRate),
      attainment: { ...goal(window.total.attainment, goals.attainment), target_ms: settings.targetMs },
      fcr: goal(window.total.fcrRate, goals.fcr),
      ttfr_p50_ms: window.total.ttfrP50Ms,
      ttfr_p90_ms: window.total.ttfrP90Ms,
    },
  };
}
