/**
 * `metrics`: `GET /v1/metrics` over the six months of a seeded database of 1M conversations (scaled),
 * requests one after another (the service a child process on a copy of the cached seed). The baseline is
 * the floor of any exact answer: plain SQL reading the window's count and TTFR values, sorted in JS, in
 * this process. Invariant: the service's conversation count and nearest-rank TTFR p50/p90/p95 equal that
 * recomputation exactly.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { stopChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import {
  differences,
  figuresOf,
  nearestRankPercentile,
  recomputeTtfr,
  type TtfrFigures,
} from "./percentiles.js";
import { copySeed, seededDatabase } from "./seed-database.js";
import { SEED_FROM, SEED_NOW, SEEDED_CONVERSATIONS } from "./seed-plan.js";
import { readyUrl, startService } from "./servers.js";

const WARMUP_REQUESTS = 2;
const REQUESTS = 11;
const BASELINE_RUNS = 5;

/** The benchmark, for the runner. */
export const metricsBench: Benchmark = { name: "metrics", run };

interface Sequential {
  timesMs: number[];
  non2xx: number;
  body: unknown;
}

async function run(context: BenchContext): Promise<BenchRow[]> {
  const seeded = await seededDatabase(context, scaled(SEEDED_CONVERSATIONS, context.scale, 1000));
  const dir = makeTempDir("metrics");
  try {
    const dbPath = copySeed(seeded, join(dir, "sla.db"));
    const iso = (ms: number) => new Date(ms).toISOString();
    const path = `/v1/metrics?from=${iso(SEED_FROM)}&to=${iso(SEED_NOW)}&now=${iso(SEED_NOW)}`;
    const token = `bench-${randomBytes(16).toString("hex")}`;
    const server = startService(context, { dbPath, token, dir, profileName: "metrics-service" });
    let measured: Sequential;
    try {
      const url = await readyUrl(server);
      measured = await requestInTurn(`${url}${path}`, { authorization: `Bearer ${token}` });
    } finally {
      const status = await stopChild(server);
      if (status !== 0) context.log(`metrics: service exited with ${status}`);
    }
    const p50 = nearestRankPercentile(measured.timesMs, 50) ?? Number.NaN;
    const baseline = recomputeTimed(dbPath);
    const answered = figuresOf(measured.body);
    const mismatches = differences(baseline.figures, answered);
    context.log(
      `metrics: ${REQUESTS} requests over ${answered.conversations} conversations: ` +
        `${measured.timesMs.map((ms) => ms.toFixed(0)).join(", ")} ms; plain SQL floor ${baseline.ms.toFixed(1)} ms`,
    );
    context.log(`metrics: TTFR ${describe(answered)}; recomputed ${describe(baseline.figures)}`);
    for (const mismatch of mismatches) context.log(`metrics: MISMATCH ${mismatch}`);
    return [
      row({
        name: "metrics p50",
        value: p50,
        unit: "ms",
        baseline: baseline.ms,
        target: { on: "value", op: "<=", bound: 50 },
      }),
      row({
        name: "metrics conversations",
        value: answered.conversations,
        unit: "conversations",
        baseline: baseline.figures.conversations,
        target: { on: "ratio", op: "==", bound: 1 },
        invariant: true,
      }),
      row({
        // Conversation count, responded count and TTFR p50/p90/p95 against the recomputation.
        name: "metrics figure mismatches",
        value: mismatches.length,
        unit: "figures",
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
      row({
        name: "metrics non-2xx",
        value: measured.non2xx,
        unit: "responses",
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
    ];
  } finally {
    removeTempDir(dir);
  }
}

/** Requests one at a time (each timed to its whole body), after a few untimed ones. */
async function requestInTurn(url: string, headers: Record<string, string>): Promise<Sequential> {
  const timesMs: number[] = [];
  let non2xx = 0;
  let body: unknown = null;
  for (let i = 0; i < WARMUP_REQUESTS + REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    body = await response.json();
    const ms = performance.now() - started;
    if (!response.ok) non2xx++;
    if (i >= WARMUP_REQUESTS) timesMs.push(ms);
  }
  return { timesMs, non2xx, body };
}

/** The recomputation, timed: its median over a few runs is the baseline. */
function recomputeTimed(dbPath: string): { figures: TtfrFigures; ms: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    let figures: TtfrFigures | null = null;
    const times: number[] = [];
    for (let i = 0; i < BASELINE_RUNS; i++) {
      const started = performance.now();
      figures = recomputeTtfr(db, SEED_FROM, SEED_NOW);
      times.push(performance.now() - started);
    }
    if (!figures) throw new Error("metrics: no recomputation ran");
    return { figures, ms: nearestRankPercentile(times, 50) ?? Number.NaN };
  } finally {
    db.close();
  }
}

function describe(figures: TtfrFigures): string {
  return `${figures.responded} responded, p50 ${figures.p50} ms, p90 ${figures.p90} ms, p95 ${figures.p95} ms`;
}
