import { eq } from "drizzle-orm";
import { settings } from "../../db/schema.js";
import type { MetricSet } from "../domain/metrics.js";
import type { Db } from "../storage/database.js";
import { queryMetrics } from "./metrics.js";

const MINUTE = 60_000;
/** Filter combinations remembered per database before the cache starts over. */
const MAX_ENTRIES = 64;

export interface GoalWindowQuery {
  now: number;
  /** The goals' window (30 days by default): conversations started in `[now - windowMs, now]`. */
  goalWindowMs: number;
  account?: string;
  source?: string;
}

/** The goal window's figures, and the moment they were measured at. */
export interface GoalWindow {
  measuredAt: number;
  from: number;
  total: MetricSet;
}

interface Entry {
  key: string;
  window: Promise<GoalWindow>;
}

const caches = new WeakMap<Db, Map<string, Entry>>();

const versionQueries = new WeakMap<Db, ReturnType<typeof prepareVersion>>();

function prepareVersion(db: Db) {
  return db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, "conversations_version"))
    .prepare();
}

/** How many times stored conversations changed (kept by triggers, db/migrations/0005). */
export async function conversationsVersion(db: Db): Promise<string> {
  let query = versionQueries.get(db);
  if (!query) {
    query = prepareVersion(db);
    versionQueries.set(db, query);
  }
  const [row] = await query.all();
  return String(row?.value ?? "");
}

/**
 * The status's goal window, measured at most once a minute per filter and again as soon as any stored
 * conversation changed: agents poll the status many times a second, and a goal over 30 days reads the same
 * a few seconds later. Concurrent requests share one measurement. `windowMs` is `W`; `version` is
 * `conversationsVersion`.
 */
export async function goalWindow(
  db: Db,
  windowMs: number,
  query: GoalWindowQuery,
  version: string,
): Promise<GoalWindow> {
  const filter = JSON.stringify([query.account ?? null, query.source ?? null, query.goalWindowMs, windowMs]);
  const key = `${version}:${Math.floor(query.now / MINUTE)}`;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(filter);
  if (cached && cached.key === key) return cached.window;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const measuredAt = query.now;
  const from = measuredAt - query.goalWindowMs;
  const window = queryMetrics(db, windowMs, {
    now: measuredAt,
    from,
    to: measuredAt + 1,
    ...(query.account ? { account: query.account } : {}),
    ...(query.source ? { source: query.source } : {}),
  }).then((result) => ({ measuredAt, from, total: result.total }));
  const entry = { key, window };
  cache.set(filter, entry);
  // A failed measurement is not kept: the next request tries again.
  window.catch(() => {
    if (cache.get(filter) === entry) cache.delete(filter);
  });
  return window;
}
