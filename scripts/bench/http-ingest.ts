/**
 * `http-ingest`: single-event `POST /v1/events` at 50 connections, the real service (a child process on a
 * temp database) against a bare Hono echo server (also a child) under the same load from this process.
 * Afterwards every acknowledged event must be in the database: nothing acknowledged is lost.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { stopChild, type TsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import { EventFeed } from "./event-feed.js";
import { describeOutcome, type LoadOutcome, runLoad, singleEvents, warmUp } from "./load.js";
import {
  confirmsStored,
  countStored,
  readyUrl,
  type StoredCount,
  startEcho,
  startService,
} from "./servers.js";

const CONNECTIONS = 50;
const DURATION_SECONDS = 10;
/** Warm-up: JIT and caches settle, and the steady rate at its end sizes the main run to ~10 s. */
const WARMUP_SECONDS = 3;
/** Warm-up runs are at least this long: a fixed-amount run ends with connections finishing unevenly. */
const MIN_WARMUP_REQUESTS = 3000;

/** The benchmark, for the runner. */
export const httpIngest: Benchmark = { name: "http-ingest", run };

interface ServerRun {
  warmup: LoadOutcome;
  main: LoadOutcome;
}

async function run(context: BenchContext): Promise<BenchRow[]> {
  const dir = makeTempDir("http");
  try {
    const dbPath = join(dir, "sla.db");
    const token = `bench-${randomBytes(16).toString("hex")}`;
    // The echo server ignores the token, but gets the same requests byte for byte.
    const headers = { authorization: `Bearer ${token}` };
    const echo = await measure(context, "echo", startEcho(context), new EventFeed("e"), headers, () => true);
    const service = await measure(
      context,
      "service",
      startService(context, { dbPath, token, dir, profileName: "service" }),
      new EventFeed("m"),
      headers,
      confirmsStored,
    );
    return rows(echo, service, countStored(dbPath, [...service.warmup.acked, ...service.main.acked]));
  } finally {
    removeTempDir(dir);
  }
}

/** Warms the server up, then runs the measured load sized from the warm-up rate; stops the server. */
async function measure(
  context: BenchContext,
  label: string,
  server: TsChild,
  feed: EventFeed,
  headers: Record<string, string>,
  confirms: (body: string, ids: readonly string[]) => boolean,
): Promise<ServerRun> {
  try {
    const url = await readyUrl(server);
    const plan = singleEvents(feed);
    const load = (amount: number) =>
      runLoad({ url, connections: CONNECTIONS, amount, plan, headers, confirms });
    const warmup = await warmUp(load, Math.max(1, WARMUP_SECONDS * context.scale), MIN_WARMUP_REQUESTS);
    const amount = scaled(warmup.steadyRequestsPerSecond * DURATION_SECONDS, context.scale, CONNECTIONS * 10);
    context.log(`${label}: warm-up ${describeOutcome(warmup)}; measuring ${amount} requests`);
    const main = await load(amount);
    context.log(`${label}: ${describeOutcome(main)}`);
    const unconfirmed = warmup.unconfirmed + main.unconfirmed;
    if (unconfirmed > 0)
      context.log(`${label}: ANOMALY: ${unconfirmed} 2xx answers did not confirm a new event`);
    return { warmup, main };
  } finally {
    // SIGTERM: the service drains its writer and closes the database before the rows are counted.
    const status = await stopChild(server);
    if (status !== 0) context.log(`${label}: exited with ${status}`);
  }
}

function rows(echo: ServerRun, service: ServerRun, count: StoredCount): BenchRow[] {
  const answered = service.warmup.ok + service.main.ok;
  const failed = (server: ServerRun) => server.warmup.errors + server.main.errors;
  const non2xx = (server: ServerRun) => server.warmup.non2xx + server.main.non2xx;
  return [
    row({
      name: "http-ingest throughput",
      value: service.main.requestsPerSecond,
      unit: "req/s",
      baseline: echo.main.requestsPerSecond,
      target: { on: "ratio", op: ">=", bound: 0.5 },
    }),
    row({
      name: "http-ingest p99",
      value: service.main.p99Ms,
      unit: "ms",
      baseline: echo.main.p99Ms,
      target: { on: "value", op: "<=", bound: 15 },
    }),
    row({
      name: "http-ingest non-2xx",
      value: non2xx(service),
      unit: "responses",
      baseline: non2xx(echo),
      target: { on: "value", op: "==", bound: 0 },
      invariant: true,
    }),
    row({
      name: "http-ingest errors",
      value: failed(service),
      unit: "requests",
      baseline: failed(echo),
      target: { on: "value", op: "==", bound: 0 },
      invariant: true,
    }),
    row({
      // Stored messages against 2xx answers (warm-up included): every request was answered, so equal.
      name: "http-ingest stored",
      value: count.stored,
      unit: "messages",
      baseline: answered,
      target: { on: "ratio", op: "==", bound: 1 },
      invariant: true,
    }),
    row({
      name: "http-ingest lost",
      value: count.lost,
      unit: "messages",
      target: { on: "value", op: "==", bound: 0 },
      invariant: true,
    }),
  ];
}
