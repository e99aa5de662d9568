/**
 * `status`: `GET /v1/status` at 10 connections (autocannon) on a seeded database of 1M conversations,
 * about 10k of them open (scaled), asked at the snapshot's moment (`?now=`), against a bare Hono GET echo
 * under the same load. Both servers are child processes; the service works on a copy of the cached seed.
 * The open count it answers must equal the database's.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { stopChild, type TsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import { describeOutcome, type LoadOutcome, repeatedGet, runLoad, warmUp } from "./load.js";
import { copySeed, seededDatabase } from "./seed-database.js";
import { SEED_NOW, SEEDED_CONVERSATIONS } from "./seed-plan.js";
import { readyUrl, startEcho, startService } from "./servers.js";

const CONNECTIONS = 10;
const DURATION_SECONDS = 10;
const WARMUP_SECONDS = 3;
/** Enough answers for a p99 to mean something: the 99th percentile of 200 is the second slowest. */
const MIN_REQUESTS = CONNECTIONS * 20;

/** The benchmark, for the runner. */
export const statusBench: Benchmark = { name: "status", run };

interface GetRun {
  warmup: LoadOutcome;
  main: LoadOutcome;
  body: unknown;
}

async function run(context: BenchContext): Promise<BenchRow[]> {
  const seeded = await seededDatabase(context, scaled(SEEDED_CONVERSATIONS, context.scale, 1000));
  const dir = makeTempDir("status");
  try {
    const dbPath = copySeed(seeded, join(dir, "sla.db"));
    const path = `/v1/status?now=${new Date(SEED_NOW).toISOString()}`;
    const token = `bench-${randomBytes(16).toString("hex")}`;
    const headers = { authorization: `Bearer ${token}` };
    const echo = await measure(context, "echo", startEcho(context), path, headers);
    const server = startService(context, { dbPath, token, dir, profileName: "status-service" });
    const service = await measure(context, "status", server, path, headers);
    const open = openCount(service.body);
    const stored = countOpen(dbPath);
    context.log(
      `status: ${seeded.conversations} conversations stored; open: ${open} answered, ${stored} in the database`,
    );
    const non2xx = (r: GetRun) => r.warmup.non2xx + r.main.non2xx;
    const errors = (r: GetRun) => r.warmup.errors + r.main.errors;
    return [
      row({
        name: "status p99",
        value: service.main.p99Ms,
        unit: "ms",
        baseline: echo.main.p99Ms,
        target: { on: "value", op: "<=", bound: 20 },
      }),
      row({
        name: "status throughput",
        value: service.main.requestsPerSecond,
        unit: "req/s",
        baseline: echo.main.requestsPerSecond,
      }),
      row({
        name: "status non-2xx",
        value: non2xx(service),
        unit: "responses",
        baseline: non2xx(echo),
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
      row({
        name: "status errors",
        value: errors(service),
        unit: "requests",
        baseline: errors(echo),
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
      row({
        // The open count answered against the database's own count (no first response, not resolved).
        name: "status open",
        value: open,
        unit: "conversations",
        baseline: stored,
        target: { on: "ratio", op: "==", bound: 1 },
        invariant: true,
      }),
    ];
  } finally {
    removeTempDir(dir);
  }
}

/** Warms the server up, measures a load sized from the warm-up rate, reads one answer; stops the server. */
async function measure(
  context: BenchContext,
  label: string,
  server: TsChild,
  path: string,
  headers: Record<string, string>,
): Promise<GetRun> {
  try {
    const url = await readyUrl(server);
    const plan = repeatedGet(path);
    const load = (amount: number) => runLoad({ url, connections: CONNECTIONS, amount, plan, headers });
    const warmup = await warmUp(load, Math.max(1, WARMUP_SECONDS * context.scale), MIN_REQUESTS);
    const amount = scaled(warmup.steadyRequestsPerSecond * DURATION_SECONDS, context.scale, MIN_REQUESTS);
    context.log(`${label}: warm-up ${describeOutcome(warmup)}; measuring ${amount} requests`);
    const main = await load(amount);
    context.log(`${label}: ${describeOutcome(main)}`);
    const response = await fetch(`${url}${path}`, { headers });
    return { warmup, main, body: await response.json() };
  } finally {
    const status = await stopChild(server);
    if (status !== 0) context.log(`${label}: exited with ${status}`);
  }
}

function openCount(body: unknown): number {
  const counts = typeof body === "object" && body !== null && "counts" in body ? body.counts : null;
  const open = typeof counts === "object" && counts !== null && "open" in counts ? counts.open : null;
  if (typeof open !== "number")
    throw new Error(`status: no counts.open in ${JSON.stringify(body).slice(0, 200)}`);
  return open;
}

function countOpen(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare("SELECT count(*) FROM conversations WHERE first_response_at IS NULL AND resolved_at IS NULL")
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}
