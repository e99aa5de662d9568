/**
 * `scan`: the breach scan with 1k open conversations (scaled), on a history of 1M conversations against
 * one of 10k (both scaled, both cached seeds, see seed-database.ts), timed in one child process in turn.
 * The scan reads open work through the index of running clocks, so its cost should follow the open
 * conversations, not history: the ratio of the two times is the figure. Both must raise the same alerts,
 * and a repeated cycle none.
 */
import { join } from "node:path";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { childEnv, profiling, runTsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import { nearestRankPercentile } from "./percentiles.js";
import type { ScanChildReport } from "./scan-child.js";
import { copySeed, seededDatabase } from "./seed-database.js";
import { SEED_NOW, SEEDED_CONVERSATIONS } from "./seed-plan.js";

const SMALL_HISTORY = 10_000;
const OPEN = 1000;
const RUNS = 15;
/** A month after the seeded history ends: none of its clocks is still within the alert age. */
const SCAN_NOW = SEED_NOW + 30 * 86_400_000;

/** The benchmark, for the runner. */
export const scanBench: Benchmark = { name: "scan", run };

async function run(context: BenchContext): Promise<BenchRow[]> {
  const small = await seededDatabase(context, scaled(SMALL_HISTORY, context.scale, 100));
  const large = await seededDatabase(context, scaled(SEEDED_CONVERSATIONS, context.scale, 10_000));
  const open = scaled(OPEN, context.scale, 200);
  const dir = makeTempDir("scan");
  try {
    const profile = profiling(context.profile, "scan");
    const report = await runTsChild<ScanChildReport>("./scan-child.ts", {
      ...profile,
      env: childEnv(profile.env),
      label: "scan",
      log: context.log,
      args: [
        ["--small", copySeed(small, join(dir, "small.db"))],
        ["--large", copySeed(large, join(dir, "large.db"))],
        ["--now", String(SCAN_NOW)],
        ["--open", String(open)],
        ["--runs", String(RUNS)],
        ["--outbox", join(dir, "outbox")],
      ].flat(),
    });
    for (const [label, side] of [
      ["small", report.small],
      ["large", report.large],
    ] as const) {
      context.log(
        `scan ${label}: ${side.conversations} conversations, ${open} open: ${side.raised} alerts; ` +
          `first cycle median ${median(side.first).toFixed(1)} ms, repeat ${median(side.repeat).toFixed(1)} ms`,
      );
    }
    return [
      row({
        name: "scan first cycle, long / short history",
        value: median(report.large.first),
        unit: "ms",
        baseline: median(report.small.first),
        target: { on: "ratio", op: "<=", bound: 1.5 },
      }),
      row({
        name: "scan repeat cycle, long / short history",
        value: median(report.large.repeat),
        unit: "ms",
        baseline: median(report.small.repeat),
        target: { on: "ratio", op: "<=", bound: 1.5 },
      }),
      row({
        name: "scan alerts raised",
        value: report.large.raised,
        unit: "alerts",
        baseline: report.small.raised,
        target: { on: "ratio", op: "==", bound: 1 },
        invariant: true,
      }),
      row({
        name: "scan alerts raised twice",
        value: report.large.raisedAgain + report.small.raisedAgain,
        unit: "alerts",
        target: { on: "value", op: "==", bound: 0 },
        invariant: true,
      }),
    ];
  } finally {
    removeTempDir(dir);
  }
}

function median(values: readonly number[]): number {
  return nearestRankPercentile(values, 50) ?? Number.NaN;
}
