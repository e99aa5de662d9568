import { and, count, gte, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Db } from "../storage/database.js";
import type { IngestCounters } from "./ingest-counters.js";
import { histogramSamples, type MetricFamily, type Sample } from "./prometheus-text.js";

/** Upper bounds of the TTFR histogram in seconds: 1 min to 1 day, around the usual targets. */
export const TTFR_BUCKETS = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400] as const;
const TTFR_WINDOW_MS = 30 * 86_400_000;
const LEVELS = ["warning", "breach", "escalation", "answered_late"] as const;
const ALERT_STATES = ["pending", "sent", "failed", "recorded"] as const;

/** What `GET /metrics` reads besides the database: the process counters. */
export interface MetricSources {
  db: Db;
  now: number;
  ingest: IngestCounters;
  cycles: { cycles: number; lastDurationSeconds: number | null };
}

/** Every metric family of `GET /metrics`, read at `now`. */
export async function collectServiceMetrics(sources: MetricSources): Promise<MetricFamily[]> {
  const { db, now } = sources;
  return [
    ...(await openFamilies(db, now)),
    await ttfrFamily(db, now),
    await alertsFamily(db),
    {
      name: "sla_ingest_events_total",
      type: "counter",
      help: "Events posted to POST /v1/events since the process started, by outcome (refused requests are not counted).",
      samples: (["stored", "duplicate", "rejected"] as const).map((outcome) => ({
        labels: { outcome },
        value: sources.ingest[outcome],
      })),
    },
    {
      name: "sla_alert_cycle_duration_seconds",
      type: "gauge",
      help: "Wall time of the last finished alert cycle (detection, outbox, delivery); absent before the first.",
      samples:
        sources.cycles.lastDurationSeconds === null ? [] : [{ value: sources.cycles.lastDurationSeconds }],
    },
    {
      name: "sla_alert_cycles_total",
      type: "counter",
      help: "Alert cycles finished since the process started, failed ones included.",
      samples: [{ value: sources.cycles.cycles }],
    },
  ];
}

/** Open and breaching conversations per account, through the partial index of open conversations. */
async function openFamilies(db: Db, now: number): Promise<MetricFamily[]> {
  const c = conversations;
  const rows = await db
    .select({
      account: c.account,
      open: count(),
      breaching: sql<number>`coalesce(sum(${c.dueAt} < ${now}), 0)`,
    })
    .from(c)
    .where(and(isNull(c.firstResponseAt), isNull(c.resolvedAt)))
    .groupBy(c.account)
    .orderBy(c.account)
    .all();
  const family = (
    name: string,
    help: string,
    pick: (row: (typeof rows)[number]) => number,
  ): MetricFamily => ({
    name,
    type: "gauge",
    help,
    samples: rows.map((row) => ({ labels: { account: row.account }, value: Number(pick(row)) })),
  });
  return [
    family(
      "sla_open_conversations",
      "Conversations waiting for a first response, not resolved.",
      (r) => r.open,
    ),
    family(
      "sla_breaching_conversations",
      "Open conversations past their first-response deadline.",
      (r) => r.breaching,
    ),
  ];
}

/** TTFR of answered conversations started in the last 30 days, per account, bucketed in SQL. */
async function ttfrFamily(db: Db, now: number): Promise<MetricFamily> {
  const c = conversations;
  const ttfr = sql`(${c.firstResponseAt} - ${c.startedAt})`;
  const whens = TTFR_BUCKETS.map((bound, i) => sql`WHEN ${ttfr} <= ${bound * 1000} THEN ${i}`);
  const bucket: SQL<number> = sql<number>`CASE ${sql.join(whens, sql` `)} ELSE ${TTFR_BUCKETS.length} END`;
  const rows = await db
    .select({ account: c.account, bucket, n: count(), sumMs: sql<number>`sum(${ttfr})` })
    .from(c)
    .where(and(isNotNull(c.firstResponseAt), gte(c.startedAt, now - TTFR_WINDOW_MS), lte(c.startedAt, now)))
    .groupBy(c.account, bucket)
    .orderBy(c.account)
    .all();
  const byAccount = new Map<string, { perBucket: number[]; sumMs: number }>();
  for (const row of rows) {
    const entry = byAccount.get(row.account) ?? { perBucket: [], sumMs: 0 };
    entry.perBucket[row.bucket] = (entry.perBucket[row.bucket] ?? 0) + row.n;
    entry.sumMs += Number(row.sumMs);
    byAccount.set(row.account, entry);
  }
  const samples: Sample[] = [];
  for (const [account, entry] of byAccount) {
    samples.push(...histogramSamples({ account }, TTFR_BUCKETS, entry.perBucket, entry.sumMs / 1000));
  }
  return {
    name: "sla_ttfr_seconds",
    type: "histogram",
    help: "Time to first response of the conversations started in the last 30 days and answered, per account. Recomputed from the database at each scrape over a rolling window, so counts can fall as old conversations leave it.",
    samples,
  };
}

/** Alerts by level and delivery state, the state as in GET /v1/alerts; every pair is listed, zeros included. */
async function alertsFamily(db: Db): Promise<MetricFamily> {
  const rows = await db.all<{ level: string; status: string; n: number }>(sql`
    SELECT level, status, count(*) AS n FROM (
      SELECT a.level AS level, CASE
        WHEN sum(d.status = 'failed') > 0 THEN 'failed'
        WHEN sum(d.status = 'pending') > 0 THEN 'pending'
        WHEN count(d.id) = 0 THEN 'recorded'
        ELSE 'sent' END AS status
      FROM alerts a LEFT JOIN alert_deliveries d ON d.alert_id = a.id GROUP BY a.id
    ) GROUP BY level, status`);
  const found = new Map(rows.map((row) => [`${row.level}/${row.status}`, row.n]));
  return {
    name: "sla_alerts",
    type: "gauge",
    help: "Alerts raised, by level and delivery state (pending, sent, failed; recorded when it had no recipients).",
    samples: LEVELS.flatMap((level) =>
      ALERT_STATES.map((status) => ({
        labels: { level, status },
        value: found.get(`${level}/${status}`) ?? 0,
      })),
    ),
  };
}
