/**
 * `npm run bench:worker`: ingest (one event per POST, and 1,000-event batches) and `GET /v1/status`
 * throughput of the Node service against the Worker under `wrangler dev --local` (workerd and a local D1),
 * in the same run, one server at a time, each on a fresh database. Prints one line per measurement.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventFeed } from "./event-feed.js";
import { eventBatches, type RequestPlan, repeatedGet, runLoad, singleEvents } from "./load.js";

const token = `bench-${randomBytes(16).toString("hex")}`;
const headers = { authorization: `Bearer ${token}` };
const settings = {
  SLA_API_TOKEN: token,
  SLA_RATE_LIMIT: "off",
  SLA_LOG_LEVEL: "warn",
  SLA_SUMMARY_HOUR: "off",
};

/** A command installed by npm ci, run directly (not through npx) so that stopping it stops it. */
const bin = (name: string) => join("node_modules", ".bin", name);

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer /healthz`);
}

async function startNode(dir: string): Promise<Server> {
  const port = "8811";
  const child = spawn(bin("tsx"), ["src/cli/main.ts", "serve", "--port", port], {
    env: { ...process.env, ...settings, SLA_DB: join(dir, "sla.db"), SLA_OUTBOX_DIR: join(dir, "outbox") },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { name: "node", url, child };
}

async function startWorker(dir: string): Promise<Server> {
  const port = "8812";
  const migrate = spawnSync(
    bin("wrangler"),
    ["d1", "migrations", "apply", "sla-monitor", "--local", "--persist-to", dir],
    { stdio: "ignore", env: { ...process.env, CI: "1" } },
  );
  if (migrate.status !== 0) throw new Error("wrangler d1 migrations apply failed");
  const vars = Object.entries(settings).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const args = ["dev", "--local", "--port", port, "--persist-to", dir, "--log-level", "error"];
  const child = spawn(bin("wrangler"), [...args, ...vars], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { name: "wrangler dev", url, child };
}

/** Stops the server and whatever it started (workerd under wrangler): its whole process group. */
async function stop(server: Server): Promise<void> {
  const pid = server.child.pid;
  if (server.child.exitCode !== null || pid === undefined) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  process.kill(-pid, "SIGINT");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (server.child.exitCode === null) process.kill(-pid, "SIGKILL");
}

interface Scenario {
  name: string;
  connections: number;
  amount: number;
  plan: (feedPrefix: string) => RequestPlan;
  eventsPerRequest: number;
}

const scenarios: Scenario[] = [
  {
    name: "POST /v1/events, 1 event",
    connections: 1,
    amount: 300,
    plan: (p) => singleEvents(new EventFeed(p)),
    eventsPerRequest: 1,
  },
  {
    name: "POST /v1/events, 1 event",
    connections: 20,
    amount: 3000,
    plan: (p) => singleEvents(new EventFeed(p)),
    eventsPerRequest: 1,
  },
  {
    name: "POST /v1/events, 1,000 events",
    connections: 2,
    amount: 20,
    plan: (p) => eventBatches(new EventFeed(p), 1000),
    eventsPerRequest: 1000,
  },
  {
    name: "GET /v1/status",
    connections: 20,
    amount: 2000,
    plan: () => repeatedGet("/v1/status"),
    eventsPerRequest: 0,
  },
];

async function measure(server: Server): Promise<void> {
  // A short warm-up so both runtimes have compiled the paths measured.
  await runLoad({
    url: server.url,
    connections: 4,
    amount: 200,
    plan: singleEvents(new EventFeed("w")),
    headers,
  });
  for (const [i, scenario] of scenarios.entries()) {
    const outcome = await runLoad({
      url: server.url,
      connections: scenario.connections,
      amount: scenario.amount,
      plan: scenario.plan(`s${i}`),
      headers,
    });
    const events = scenario.eventsPerRequest
      ? `, ${Math.round(outcome.requestsPerSecond * scenario.eventsPerRequest)} events/s`
      : "";
    console.log(
      `${server.name.padEnd(12)} ${scenario.name.padEnd(30)} ${outcome.requestsPerSecond.toFixed(1)} req/s${events}; ` +
        `p50 ${outcome.p50Ms} ms, p99 ${outcome.p99Ms} ms; ${outcome.ok} ok, ${outcome.non2xx} non-2xx, ` +
        `${outcome.errors} errors (${scenario.connections} connections)`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), "sla-worker-bench-"));
try {
  for (const start of [startNode, startWorker]) {
    const server = await start(join(dir, start.name));
    try {
      await measure(server);
    } finally {
      await stop(server);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
