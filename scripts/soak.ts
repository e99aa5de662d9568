/**
 * Soak test: the real service as a child process (real SQLite file, the alert scheduler running every
 * minute, emails to an outbox folder), first a short ramp to measure the highest ingest rate, then a
 * sustained open-loop ingest at half that rate for N minutes. Prints p99 latency and the server's RSS per
 * minute (the median of one reading a second, and the highest) and whether they stay flat (the last minute within a tolerance of the second one), and checks
 * that every acknowledged event is in the database. Exit 1 when not flat, on errors, or on a lost write.
 *
 *   npx tsx scripts/soak.ts [--minutes 10] [--target 2m] [--p99-tolerance 50] [--rss-tolerance 25]
 *                           [--profile DIR] [--rate N]
 *
 * `--target` is the service's first-response target: short, so conversations breach during the soak and
 * every alert cycle has work to do (warnings, breaches, escalations and digest emails). `--profile` writes
 * the server's V8 CPU profile into a folder under DIR when it stops. `--rate` sustains that many requests
 * per second instead of half the measured maximum, to compare two builds at the same load.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { childEnv, profiling, startTsChild, stopChild, type TsChild } from "./bench/child-process.js";
import { installCleanupHandlers, makeTempDir } from "./bench/cleanup.js";
import { EventFeed } from "./bench/event-feed.js";
import { runLoad, singleEvents } from "./bench/load.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const MINUTE = 60_000;
/** Requests that got no answer, by error code (or message). */
const errorKinds = new Map<string, number>();
/** Open-loop sends beyond this many unanswered requests are skipped (and counted), not queued. */
const MAX_IN_FLIGHT = 512;

/** Events stamped with the current time, so the alert cycles see live conversations. */
class LiveFeed extends EventFeed {
  override next() {
    return { ...super.next(), at: new Date().toISOString() };
  }
}

/** What one minute of the sustained run measured. */
interface MinuteSample {
  minute: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  skipped: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The median and the highest of the RSS read once a second: the median is the level, the peak is noise. */
  rssMb: number;
  rssMaxMb: number;
  /** The server's event loop: the worst 10-second p99 and the worst delay of the minute. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** The server's CPU time over the minute, in percent of one core. */
  cpuPercent: number;
  /** The longest alert cycle that had finished by a report of the minute (seconds of wall time). */
  cycleSeconds: number;
  /** What the server wrote to storage (WAL, checkpoints) per second over the minute. */
  diskMbPerSecond: number;
  /** The same as `loopP99Ms`/`loopMaxMs` for an idle process beside it: the machine's share of the delays. */
  probeP99Ms: number;
  probeMaxMs: number;
}

/** What the server reports every few seconds (see `bench/service-server.ts`). */
/** What one minute of the sustained run collects. */
interface Bucket {
  latencies: number[];
  non2xx: number;
  errors: number;
  skipped: number;
  rss: number[];
  loopP99: number;
  loopMax: number;
  cpuMs: number;
  cycleSeconds: number;
  /** `writtenMb` at the minute's first and last reading. */
  writtenFrom: number;
  writtenTo: number;
  probeP99: number;
  probeMax: number;
}

interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

interface LoopReport {
  loop?: LoopDelay;
  cpuMs: number;
  /** The server's alert cycles (absent from the idle probe's reports). */
  cycle?: { seconds: number | null; runs: number };
  /** When it was sent (epoch ms). */
  at: number;
}

const nearestRank = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** The child's resident set size in MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Bytes the process has caused to be written to storage so far (its own and its worker threads'). */
function writtenMb(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, "utf8");
  return Number(/write_bytes:\s+(\d+)/.exec(io)?.[1] ?? 0) / 1e6;
}

function post(agent: Agent, url: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/events`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** A short ramp over connection counts; the best steady rate is the maximum. */
async function measureMax(url: string, token: string, feed: EventFeed) {
  let best = 0;
  let acked = 0;
  for (const connections of [1, 4, 16, 64]) {
    const amount = Math.max(1000, Math.round(best * 4));
    const outcome = await runLoad({
      url,
      connections,
      amount,
      plan: singleEvents(feed),
      headers: { authorization: `Bearer ${token}` },
    });
    acked += outcome.acked.length;
    log(
      `ramp: ${connections} connections, ${amount} requests: ${outcome.steadyRequestsPerSecond.toFixed(0)} req/s, p99 ${outcome.p99Ms} ms, non-2xx ${outcome.non2xx}, errors ${outcome.errors}`,
    );
    if (outcome.steadyRequestsPerSecond < best * 0.9) break;
    best = Math.max(best, outcome.steadyRequestsPerSecond);
  }
  return { maxRate: best, acked };
}

/** Sends `rate` requests per second for `minutes`, sampling latency and RSS per minute. */
async function sustain(
  url: string,
  token: string,
  feed: EventFeed,
  rate: number,
  minutes: number,
  child: TsChild,
  probe: TsChild,
) {
  const pid = child.process.pid ?? 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const buckets = Array.from(
    { length: minutes },
    (): Bucket => ({
      latencies: [],
      non2xx: 0,
      errors: 0,
      skipped: 0,
      rss: [],
      loopP99: 0,
      loopMax: 0,
      cpuMs: 0,
      cycleSeconds: 0,
      writtenFrom: Number.NaN,
      writtenTo: 0,
      probeP99: 0,
      probeMax: 0,
    }),
  );
  // Latencies by the wall-clock second of the minute they were sent in: the alert cycle starts at :00, so
  // the seconds after it show what the cycle costs requests.
  const bySecond = Array.from({ length: 60 }, () => [] as number[]);
  const started = performance.now();
  const startedAt = Date.now();
  const end = started + minutes * MINUTE;
  // The server's own reports (event-loop delay, CPU time), and the idle probe's, into the minute they were sent in.
  let reporting = true;
  const collect = async (
    from: TsChild,
    into: (b: Bucket, report: LoopReport & { loop: LoopDelay }) => void,
  ) => {
    while (reporting) {
      const report = (await from.nextMessage().catch(() => null)) as LoopReport | null;
      if (!report?.loop) return;
      // Reports from before the sustained run (the ramp) are passed over.
      const b = buckets[Math.floor((report.at - startedAt) / MINUTE)];
      if (b) into(b, { ...report, loop: report.loop });
    }
  };
  const reports = [
    collect(child, (b, report) => {
      b.loopP99 = Math.max(b.loopP99, report.loop.p99Ms);
      b.loopMax = Math.max(b.loopMax, report.loop.maxMs);
      b.cpuMs += report.cpuMs;
      b.cycleSeconds = Math.max(b.cycleSeconds, report.cycle?.seconds ?? 0);
    }),
    collect(probe, (b, report) => {
      b.probeP99 = Math.max(b.probeP99, report.loop.p99Ms);
      b.probeMax = Math.max(b.probeMax, report.loop.maxMs);
    }),
  ];
  let sent = 0;
  let inFlight = 0;
  let lastRss = Number.NEGATIVE_INFINITY;
  const pending = new Set<Promise<void>>();
  while (performance.now() < end) {
    const now = performance.now();
    const bucket = buckets[Math.min(minutes - 1, Math.floor((now - started) / MINUTE))];
    if (!bucket) break;
    if (now - lastRss >= 1000) {
      bucket.rss.push(rssMb(pid));
      const written = writtenMb(pid);
      if (Number.isNaN(bucket.writtenFrom)) bucket.writtenFrom = written;
      bucket.writtenTo = written;
      lastRss = now;
    }
    const due = Math.floor(((now - started) / 1000) * rate) - sent;
    for (let i = 0; i < due; i++, sent++) {
      if (inFlight >= MAX_IN_FLIGHT) {
        bucket.skipped++;
        continue;
      }
      inFlight++;
      const t0 = performance.now();
      const second = bySecond[new Date().getUTCSeconds()] ?? [];
      const done = post(agent, url, token, JSON.stringify(feed.next())).then(
        (status) => {
          if (status >= 200 && status < 300) {
            bucket.latencies.push(performance.now() - t0);
            second.push(performance.now() - t0);
          } else bucket.non2xx++;
        },
        (error: NodeJS.ErrnoException) => {
          bucket.errors++;
          const kind = error.code ?? error.message;
          errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
        },
      );
      const tracked = done.finally(() => {
        inFlight--;
        pending.delete(tracked);
      });
      pending.add(tracked);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  agent.destroy();
  reporting = false;
  void reports;
  const secondP99 = bySecond.map((latencies) =>
    nearestRank(
      latencies.sort((x, y) => x - y),
      99,
    ),
  );
  const samples = buckets.map((b, i): MinuteSample => {
    const sorted = b.latencies.sort((x, y) => x - y);
    return {
      minute: i + 1,
      sent: sorted.length + b.non2xx + b.errors,
      ok: sorted.length,
      non2xx: b.non2xx,
      errors: b.errors,
      skipped: b.skipped,
      p50Ms: nearestRank(sorted, 50),
      p99Ms: nearestRank(sorted, 99),
      maxMs: sorted.at(-1) ?? 0,
      rssMb: nearestRank(
        b.rss.sort((x, y) => x - y),
        50,
      ),
      rssMaxMb: b.rss.at(-1) ?? 0,
      loopP99Ms: b.loopP99,
      loopMaxMs: b.loopMax,
      cpuPercent: (b.cpuMs / MINUTE) * 100,
      cycleSeconds: b.cycleSeconds,
      diskMbPerSecond: Number.isNaN(b.writtenFrom) ? 0 : (b.writtenTo - b.writtenFrom) / 59,
      probeP99Ms: b.probeP99,
      probeMaxMs: b.probeMax,
    };
  });
  return { samples, secondP99 };
}

/** The p99 of each second of the minute, worst first: `:01 412 ms` is one sent a second after the cycle's start. */
function describeSeconds(secondP99: number[]): string {
  const ranked = secondP99.map((p99, second) => ({ second, p99 })).sort((a, b) => b.p99 - a.p99);
  const median = ranked[30]?.p99 ?? 0;
  const worst = ranked
    .slice(0, 6)
    .map((s) => `:${String(s.second).padStart(2, "0")} ${s.p99.toFixed(0)} ms`)
    .join(", ");
  return `p99 by second of the minute (the alert cycle starts at :00): worst ${worst}; median second ${median.toFixed(0)} ms`;
}

/** The least-squares slope of evenly spaced values (per step): a trend that one noisy minute does not make. */
function slope(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, v) => sum + v, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((v, x) => {
    num += (x - meanX) * (v - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

function printTable(samples: MinuteSample[]) {
  const header = [
    "minute",
    "sent",
    "ok",
    "non2xx",
    "errors",
    "skipped",
    "p50 ms",
    "p99 ms",
    "max ms",
    "rss MB",
    "rss max",
    "loop p99",
    "loop max",
    "cpu %",
    "cycle s",
    "disk MB/s",
    "idle p99",
    "idle max",
  ];
  const rows = samples.map((s) => [
    String(s.minute),
    String(s.sent),
    String(s.ok),
    String(s.non2xx),
    String(s.errors),
    String(s.skipped),
    s.p50Ms.toFixed(1),
    s.p99Ms.toFixed(1),
    s.maxMs.toFixed(1),
    s.rssMb.toFixed(1),
    s.rssMaxMb.toFixed(1),
    s.loopP99Ms.toFixed(1),
    s.loopMaxMs.toFixed(1),
    s.cpuPercent.toFixed(0),
    s.cycleSeconds.toFixed(1),
    s.diskMbPerSecond.toFixed(0),
    s.probeP99Ms.toFixed(1),
    s.probeMaxMs.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  for (const line of [header, ...rows])
    console.log(line.map((cell, i) => cell.padStart(widths[i] ?? 0)).join("  "));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "10" },
      target: { type: "string", default: "2m" },
      "p99-tolerance": { type: "string", default: "50" },
      "rss-tolerance": { type: "string", default: "25" },
      profile: { type: "string" },
      rate: { type: "string" },
    },
  });
  const minutes = Number(values.minutes);
  if (!(Number.isInteger(minutes) && minutes >= 2)) throw new Error("--minutes: an integer of at least 2");
  const fixedRate = values.rate === undefined ? null : Number(values.rate);
  if (fixedRate !== null && !(fixedRate > 0))
    throw new Error("--rate: a number of requests per second above 0");
  installCleanupHandlers(log);
  const dir = makeTempDir("soak");
  const dbPath = join(dir, "sla.db");
  const token = `soak-${randomBytes(16).toString("hex")}`;
  const env = childEnv({
    SLA_DB: dbPath,
    SLA_API_TOKEN: token,
    PORT: "0",
    SLA_OUTBOX_DIR: join(dir, "outbox"),
    SLA_TARGET: values.target,
    SLA_ESCALATION_DELAY: values.target,
    ALERT_TO: "leads@example.com",
    SLA_SCAN_CRON: "* * * * *",
    // Load from one address is the point here, not something to refuse; one log line per request would
    // make the parent (which forwards the child's stderr) the bottleneck.
    SLA_RATE_LIMIT: "off",
    SLA_LOG_LEVEL: "warn",
    BENCH_LOOP_REPORT_MS: "10000",
  });
  const profile = profiling(values.profile ? { dir: values.profile, sql: false } : null, "soak-service");
  const child = startTsChild("./service-server.ts", {
    env: { ...env, ...profile.env },
    nodeFlags: profile.nodeFlags,
    label: "service",
    log,
  });
  const { url } = (await child.nextMessage()) as { url: string };
  const probe = startTsChild("./loop-probe.ts", {
    env: childEnv({ BENCH_LOOP_REPORT_MS: "10000" }),
    label: "probe",
    log,
  });
  await probe.nextMessage();
  const feed = new LiveFeed("s");
  const { maxRate, acked } = await measureMax(url, token, feed);
  const rate = fixedRate ?? maxRate / 2;
  log(`maximum ${maxRate.toFixed(0)} req/s; sustaining ${rate.toFixed(0)} req/s for ${minutes} minutes`);
  const { samples, secondP99 } = await sustain(url, token, feed, rate, minutes, child, probe);
  await stopChild(child);
  await stopChild(probe);
  const db = new Database(dbPath, { readonly: true });
  const stored = Number(db.prepare("SELECT count(*) FROM messages").pluck().get());
  const cycles = db.prepare("SELECT level, count(*) AS n FROM alerts GROUP BY level").all();
  db.close();
  const totalAcked = acked + samples.reduce((sum, s) => sum + s.ok, 0);
  console.log(
    `maximum rate (ramp): ${maxRate.toFixed(0)} req/s; soak rate: ${rate.toFixed(0)} req/s; ${minutes} min`,
  );
  printTable(samples);
  const second = samples[1];
  const last = samples.at(-1);
  if (!second || !last) return 1;
  const p99Ratio = last.p99Ms / second.p99Ms;
  const rssRatio = last.rssMb / second.rssMb;
  const p99Flat = p99Ratio <= 1 + Number(values["p99-tolerance"]) / 100;
  const rssFlat = rssRatio <= 1 + Number(values["rss-tolerance"]) / 100;
  const failures = samples.reduce((sum, s) => sum + s.non2xx + s.errors, 0);
  console.log(`alerts raised: ${JSON.stringify(cycles)}`);
  console.log(
    `acknowledged ${totalAcked}, stored ${stored}: ${stored >= totalAcked ? "nothing lost" : "LOST WRITES"}`,
  );
  console.log(`p99 last/second minute: ${p99Ratio.toFixed(2)} (${p99Flat ? "flat" : "NOT flat"})`);
  console.log(`RSS last/second minute: ${rssRatio.toFixed(2)} (${rssFlat ? "flat" : "NOT flat"})`);
  const kinds = [...errorKinds].map(([kind, n]) => `${kind} ×${n}`).join(", ");
  console.log(`failed requests: ${failures}${kinds ? ` (request errors: ${kinds})` : ""}`);
  console.log(describeSeconds(secondP99));
  const later = samples.slice(1);
  console.log(
    `trend from minute 2 (least squares, per minute): p99 ${slope(later.map((s) => s.p99Ms)).toFixed(2)} ms, RSS ${slope(later.map((s) => s.rssMb)).toFixed(2)} MB`,
  );
  return p99Flat && rssFlat && failures === 0 && stored >= totalAcked ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`soak failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
