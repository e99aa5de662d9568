import type { Db } from "../storage/database.js";
import { type StatusFilters, type StatusStatements, statusStatements } from "../storage/status-queries.js";

const DAY = 86_400_000;
/** Filter and limit combinations remembered per database before the cache starts over. */
const MAX_ENTRIES = 64;

type Rows<K extends keyof StatusStatements> = Awaited<ReturnType<StatusStatements[K]["all"]>>;

/** The status's lists at one moment: the queues, the follow-ups waiting, the answers that came late. */
export interface StatusLists {
  breaching: Rows<"openFirst">;
  dueNext: Rows<"dueNext">;
  followUps: Rows<"followUps">;
  answeredLate: Rows<"answeredLate">;
}

interface Entry {
  version: string;
  /** The moment the lists were read at. */
  at: number;
  limit: number;
  /** The first open conversations by due time, whatever `now`. */
  open: Rows<"openFirst">;
  dueNext: Rows<"dueNext">;
  followUps: Rows<"followUps">;
  answeredLate: Rows<"answeredLate">;
}

const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * The lists as they stand at `now`, from lists read at an earlier moment of the same data, where that
 * gives exactly what reading them again would (else null). As `now` grows the breaching queue is a prefix
 * of the open work by due time, the queue not due yet only loses its head, and the answered-late list
 * only loses rows (its conditions only tighten).
 */
function carriedOn(entry: Entry, now: number): StatusLists | null {
  const full = (rows: unknown[]) => rows.length >= entry.limit;
  const firstDue = entry.dueNext[0]?.dueAt;
  if (full(entry.dueNext) && firstDue !== undefined && firstDue < now) return null;
  const answeredLate = entry.answeredLate.filter(
    (row) => (row.firstResponseAt ?? 0) >= now - DAY && row.startedAt >= now - 7 * DAY,
  );
  if (full(entry.answeredLate) && answeredLate.length < entry.answeredLate.length) return null;
  return {
    breaching: entry.open.filter((row) => row.dueAt < now),
    dueNext: entry.dueNext.filter((row) => row.dueAt >= now),
    followUps: entry.followUps,
    answeredLate,
  };
}

/**
 * The status's lists at `now`. Agents poll the status many times a second: the lists read for one request
 * serve the next ones while the conversations are unchanged (`version`) and they give the same answer.
 */
export async function statusLists(
  db: Db,
  version: string,
  filters: StatusFilters,
  now: number,
  limit: number,
): Promise<StatusLists> {
  const key = JSON.stringify([filters.account ?? null, filters.source ?? null, limit]);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(key);
  if (cached && cached.version === version && now >= cached.at) {
    const lists = carriedOn(cached, now);
    if (lists) return lists;
  }
  const q = statusStatements(db, filters);
  const values = { ...filters, now, limit };
  const entry: Entry = {
    version,
    at: now,
    limit,
    open: await q.openFirst.all(values),
    dueNext: await q.dueNext.all(values),
    followUps: await q.followUps.all(values),
    answeredLate: await q.answeredLate.all({
      ...values,
      startedFrom: now - 7 * DAY,
      answeredFrom: now - DAY,
    }),
  };
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, entry);
  return carriedOn(entry, now) ?? { ...entry, breaching: entry.open.filter((row) => row.dueAt < now) };
}
