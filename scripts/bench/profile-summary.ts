/**
 * Summarizes the profiles a `npm run bench -- --profile DIR [--profile-sql]` run left in DIR (one folder per profiled
 * child): for each V8 CPU profile with at least `--min-busy` seconds of work (tsx's loader thread has
 * its own, nearly idle profile),
 * time by category (project code, each dependency, native calls such as SQLite, GC), the top functions
 * by self and by inclusive time; for each SQL timing file, the statements by total time.
 *
 *   npx tsx scripts/bench/profile-summary.ts DIR [--top 20] [--min-busy 0.5]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "./child-process.js";
import type { SqlTiming } from "./sql-timing.js";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds per key. */
type Totals = Map<string, number>;

function addTo(totals: Totals, key: string, ms: number): void {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

const ROOT_URL = `file://${PROJECT_ROOT}`;

function shortUrl(url: string): string {
  return url.startsWith(ROOT_URL) ? url.slice(ROOT_URL.length) : url;
}

/** `name path:line`, the unit functions are ranked by. */
function functionKey(frame: CallFrame): string {
  const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : " (native)";
  return `${frame.functionName || "(anonymous)"}${where}`;
}

/** Which part of the program a frame belongs to: a project folder, a dependency, Node, native, GC. */
function category(frame: CallFrame): string {
  const url = shortUrl(frame.url);
  if (frame.functionName === "(garbage collector)") return "GC";
  if (frame.functionName === "(idle)") return "idle";
  if (frame.functionName === "(program)") return "(program: V8 and native, unattributed)";
  if (url === "") return "native calls (better-sqlite3/SQLite, crypto, ...)";
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1]) return `dependency ${dependency[1]}`;
  if (url.startsWith("node:")) return "node internals";
  const folder = /^(src\/[^/]+|scripts\/[^/]+|db)\b/.exec(url);
  return folder?.[1] ?? url;
}

interface Summary {
  totalMs: number;
  byCategory: Totals;
  self: Totals;
  inclusive: Totals;
}

function summarize(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const summary: Summary = { totalMs: 0, byCategory: new Map(), self: new Map(), inclusive: new Map() };
  profile.samples.forEach((id, i) => {
    // A sample stands for the interval up to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    summary.totalMs += ms;
    addTo(summary.byCategory, category(node.callFrame), ms);
    addTo(summary.self, functionKey(node.callFrame), ms);
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || frame.functionName === "(root)") continue;
      const key = functionKey(frame);
      if (!seen.has(key)) addTo(summary.inclusive, key, ms);
      seen.add(key);
    }
  });
  return summary;
}

function top(
  totals: Totals,
  count: number,
  totalMs: number,
  skip: (key: string) => boolean = () => false,
): string[] {
  return [...totals.entries()]
    .filter(([key]) => !skip(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([key, ms]) =>
        `  ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${key}`,
    );
}

function printProfile(path: string, count: number, minBusyMs: number): void {
  const summary = summarize(JSON.parse(readFileSync(path, "utf8")) as CpuProfile);
  const busyMs = summary.totalMs - (summary.byCategory.get("idle") ?? 0);
  if (busyMs < minBusyMs) {
    console.log(`\n# ${path}: ${(busyMs / 1000).toFixed(2)} s busy, skipped (a helper thread)`);
    return;
  }
  const idle = (key: string) => key.startsWith("(idle)");
  // Runtime and framework plumbing is on every stack; ranking it inclusively says nothing.
  const plumbing = (key: string) =>
    idle(key) || /node:internal|node_modules\/tsx|\(program\)|\(anonymous\) \(native\)/.test(key);
  console.log(
    `\n# ${path}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busyMs / 1000).toFixed(1)} s busy`,
  );
  console.log("\nBy category (share of busy time):");
  console.log(top(summary.byCategory, count, busyMs, (key) => key === "idle").join("\n"));
  console.log("\nTop functions by self time:");
  console.log(top(summary.self, count, busyMs, idle).join("\n"));
  console.log("\nTop functions by inclusive time:");
  console.log(top(summary.inclusive, count, busyMs, plumbing).join("\n"));
}

function printSql(path: string, count: number): void {
  const timings = JSON.parse(readFileSync(path, "utf8")) as SqlTiming[];
  const totalMs = timings.reduce((sum, timing) => sum + timing.ms, 0);
  console.log(`\n# ${path}: ${(totalMs / 1000).toFixed(2)} s in SQLite calls`);
  for (const timing of timings.slice(0, count)) {
    const sql = timing.sql.length > 110 ? `${timing.sql.slice(0, 110)}...` : timing.sql;
    const perCall = (1000 * timing.ms) / Math.max(1, timing.calls);
    console.log(
      `  ${((100 * timing.ms) / totalMs).toFixed(1).padStart(5)}%  ${timing.ms.toFixed(0).padStart(7)} ms  ` +
        `${String(timing.calls).padStart(8)} calls  ${perCall.toFixed(1).padStart(7)} us/call  ${sql}`,
    );
  }
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "20" }, "min-busy": { type: "string", default: "0.5" } },
  });
  const [dir] = positionals;
  if (!dir)
    throw new Error("usage: npx tsx scripts/bench/profile-summary.ts DIR [--top 20] [--min-busy 0.5]");
  const count = Number(values.top);
  const minBusyMs = 1000 * Number(values["min-busy"]);
  for (const path of files(dir)) {
    if (path.endsWith(".cpuprofile")) printProfile(path, count, minBusyMs);
    else if (path.endsWith(".json")) printSql(path, count);
  }
}

/** Every file under `dir`, in name order. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? files(path) : [path];
    });
}

main();
