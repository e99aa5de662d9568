/**
 * `batch-ingest`: `POST /v1/events` with 1,000 events per request (NDJSON) at 4 connections, the real
 * service as a child process on a temp database, against raw better-sqlite3 prepared inserts of the same
 * rows in one transaction (another child). Afterwards every acknowledged event must be in the database.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { childEnv, runTsChild, stopChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import { EventFeed } from "./event-feed.js";
import { describeOutcome, eventBatches, type LoadOutcome, runLoad, warmUp } from "./load.js";
import type { RawInsertReport } from "./raw-insert-child.js";
import { confirmsStored, countStored, readyUrl, startService } from "./servers.js";

const BATCH = 1000;
/** A few clients sending big batches: enough to keep the service busy while one request is in transit. */
const CONNECTIONS = 4;
const DURATION_SECONDS = 10;
const WARMUP_SECONDS = 3;
const MIN_WARMUP_REQUESTS = 20;
/** The feed's id prefix: the baseline rebuilds the same events from it. */
const PREFIX = "b";

/** The benchmark, for the runner. */
export const batchIngest: Benchmark = { name: "batch-ingest", run };

async function run(context: BenchContext): Promise<BenchRow[]> {
  const dir = makeTempDir("batch");
  try {
    const dbPath = join(dir, "sla.db");
    const token = `bench-${randomBytes(16).toString("hex")}`;
    const server = startService(context, { dbPath, token, dir, profileName: "batch-service" });
    let warmup: LoadOutcome;
    let main: LoadOutcome;
    try {
      const url = await readyUrl(server);
      const plan = eventBatches(new EventFeed(PREFIX), BATCH);
      const headers = { authorization: `Bearer ${token}` };
      const load = (amount: number) =>
        runLoad({ url, connections: CONNECTIONS, amount, plan, headers, confirms: confirmsStored });
      warmup = await warmUp(load, Math.max(1, WARMUP_SECONDS * context.scale), MIN_WARMUP_REQUESTS);
      const amount = scaled(
        warmup.steadyRequestsPerSecond * DURATION_SECONDS,
        context.scale,
        CONNECTIONS * 10,
      );
      context.log(`batch-ingest: warm-up ${describeOutcome(warmup)}; measuring ${amount} requests`);
      main = await load(amount);
      context.log(`batch-ingest: ${describeOutcome(main)}`);
    } finally {
      const status = await stopChild(server);
      if (status !== 0) context.log(`batch-ingest: service exited with ${status}`);
    }
    const acked = [...warmup.acked, ...main.acked];
    const count = countStored(dbPath, acked);
    const raw = await runTsChild<RawInsertReport>("./raw-insert-child.ts", {
      env: childEnv({}),
      label: "raw inserts",
      log: context.log,
      args: ["--events", String(acked.length), "--prefix", PREFIX, "--db", join(dir, "raw.db")],
    });
    if (raw.count !== acked.length) throw new Error(`baseline stored ${raw.count} of ${acked.length} rows`);
    const rawRate = raw.events / raw.seconds;
    context.log(
      `batch-ingest baseline: ${raw.events} rows in ${raw.seconds.toFixed(2)} s = ${rawRate.toFixed(0)} rows/s`,
    );
    const failed = warmup.errors + main.errors;
    return [
      row({
        name: "batch-ingest throughput",
        value: (main.ok * BATCH) / main.seconds,
        unit: "events/s",
        baseline: rawRate,
        target: { on: "ratio", op: ">=", bound: 0.5 },
      }),
      row({ name: "batch-ingest p99 (1,000 events)", value: main.p99Ms, unit: "ms" }),
      row({
        name: "batch-ingest non-2xx",
        value: warmup.non2xx + main.non2xx,
        unit: "responses",
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
      row({
        name: "batch-ingest errors",
        value: failed,
        unit: "requests",
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
      row({
        // Stored messages against events in 2xx answers (warm-up included): equal when nothing is lost.
        name: "batch-ingest stored",
        value: count.stored,
        unit: "messages",
        baseline: acked.length,
        target: { on: "ratio", op: "==", bound: 1 },
        invariant: true,
      }),
      row({
        name: "batch-ingest lost",
        value: count.lost,
        unit: "messages",
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
    ];
  } finally {
    removeTempDir(dir);
  }
}
