/**
 * `http-ingest`: single-event `POST /v1/events` at 50 connections, the real service (a child process on a
 * temp database) against a bare Hono echo server (also a child) under the same load from this process.
 * Afterwards every acknowledged event must be in the database: nothing acknowledged is lost.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { childEnv, profiling, startTsChild, stopChild, type TsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import { EventFeed } from "./event-feed.js";
import { type LoadOutcome, runLoad } from "./load.js";

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
      startService(context, dbPath, token),
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
  confirms: (body: string) => boolean,
): Promise<ServerRun> {
  try {
    const url = await readyUrl(server);
    const load = (amount: number) =>
      runLoad({ url, connections: CONNECTIONS, amount, feed, headers, confirms });
    const warmup = await warmUp(load, Math.max(1, WARMUP_SECONDS * context.scale));
    const amount = scaled(warmup.steadyRequestsPerSecond * DURATION_SECONDS, context.scale, CONNECTIONS * 10);
    context.log(`${label}: warm-up ${format(warmup)}; measuring ${amount} requests`);
    const main = await load(amount);
    context.log(`${label}: ${format(main)}`);
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

/** Loads in rounds until `seconds` of load have passed; returns the last round with the totals of all. */
async function warmUp(load: (amount: number) => Promise<LoadOutcome>, seconds: number): Promise<LoadOutcome> {
  let total: LoadOutcome | null = null;
  let elapsed = 0;
  let amount = MIN_WARMUP_REQUESTS;
  while (elapsed < seconds) {
    const round = await load(amount);
    elapsed += round.seconds;
    total = total ? merge(total, round) : round;
    amount = Math.max(MIN_WARMUP_REQUESTS, Math.round(round.steadyRequestsPerSecond * (seconds - elapsed)));
  }
  if (!total) throw new Error("warm-up ran no round");
  return total;
}

/** Counts of both runs; rates and latencies of the later one. */
function merge(earlier: LoadOutcome, later: LoadOutcome): LoadOutcome {
  const statusCodes = { ...earlier.statusCodes };
  for (const [code, count] of Object.entries(later.statusCodes))
    statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    ...later,
    seconds: earlier.seconds + later.seconds,
    ok: earlier.ok + later.ok,
    non2xx: earlier.non2xx + later.non2xx,
    errors: earlier.errors + later.errors,
    timeouts: earlier.timeouts + later.timeouts,
    statusCodes,
    acked: [...earlier.acked, ...later.acked],
    unconfirmed: earlier.unconfirmed + later.unconfirmed,
  };
}

function startEcho(context: BenchContext): TsChild {
  return startTsChild("./echo-server.ts", { env: childEnv({}), label: "echo", log: context.log });
}

function startService(context: BenchContext, dbPath: string, token: string): TsChild {
  const profile = profiling(context.profile, "service");
  return startTsChild("./service-server.ts", {
    ...profile,
    env: childEnv({
      SLA_DB: dbPath,
      SLA_API_TOKEN: token,
      PORT: "0",
      // One client at full speed is far above the default rate limit (200/s per token), which would answer
      // most requests 429: the limiter still runs, with room to spare. The per-request log lines (one per
      // request, written to stderr) would flood this output, so only warnings and errors are logged.
      SLA_RATE_LIMIT: "1000000",
      SLA_LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? "warn",
      ...profile.env,
    }),
    label: "service",
    log: context.log,
  });
}

async function readyUrl(server: TsChild): Promise<string> {
  const message = await server.nextMessage();
  if (
    typeof message !== "object" ||
    message === null ||
    !("url" in message) ||
    typeof message.url !== "string"
  ) {
    throw new Error(`unexpected first message from a server: ${JSON.stringify(message)}`);
  }
  // An IP literal: no name lookup, and the same address family for both servers.
  const port = new URL(message.url).port;
  return `http://127.0.0.1:${port}`;
}

/** The service answers `{ stored: 1, ... }` for a new event. */
function confirmsStored(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && "stored" in parsed && parsed.stored === 1;
  } catch {
    return false;
  }
}

interface StoredCount {
  stored: number;
  /** Acknowledged ids missing from the database. */
  lost: number;
}

/** Opens the service's database (after it stopped) and checks the acknowledged ids against it. */
function countStored(dbPath: string, acked: readonly string[]): StoredCount {
  const db = new Database(dbPath, { readonly: true });
  try {
    const ids = new Set(db.prepare("SELECT id FROM messages WHERE source = 'api'").pluck().all() as string[]);
    const stored = db.prepare("SELECT count(*) FROM messages").pluck().get() as number;
    return { stored, lost: acked.filter((id) => !ids.has(id)).length };
  } finally {
    db.close();
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

function format(outcome: LoadOutcome): string {
  const codes = Object.entries(outcome.statusCodes)
    .map(([code, count]) => `${code}x${count}`)
    .join(" ");
  return (
    `${outcome.ok} ok in ${outcome.seconds.toFixed(1)} s = ${outcome.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${outcome.p50Ms} ms, p99 ${outcome.p99Ms} ms, status ${codes || "none"}, errors ${outcome.errors}, ` +
    `load generator CPU ${(outcome.loadCpuShare * 100).toFixed(0)}%`
  );
}
