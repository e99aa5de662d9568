/**
 * `pathological`: the cost of one more message at the end of a thread of 10,000 messages (each a reply
 * to the previous, customer and brand in turn) against one event of a short, typical thread, both written
 * through `ThreadStore.write` one event per transaction, in turn, in one child process. The thread has
 * 10,000 messages at every scale (building it takes seconds); `--scale` shrinks the number of timed events.
 */
import { join } from "node:path";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { childEnv, profiling, runTsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import type { PathologicalReport } from "./pathological-child.js";
import { nearestRankPercentile } from "./percentiles.js";

const LENGTH = 10_000;
const SAMPLES = 200;

/** The benchmark, for the runner. */
export const pathologicalBench: Benchmark = { name: "pathological", run };

async function run(context: BenchContext): Promise<BenchRow[]> {
  const dir = makeTempDir("pathological");
  try {
    const samples = scaled(SAMPLES, context.scale, 50);
    const profile = profiling(context.profile, "pathological");
    const report = await runTsChild<PathologicalReport>("./pathological-child.ts", {
      ...profile,
      env: childEnv(profile.env),
      label: "pathological",
      log: context.log,
      args: ["--db", join(dir, "sla.db"), "--length", String(LENGTH), "--samples", String(samples)],
    });
    const long = median(report.long);
    const typical = median(report.typical);
    context.log(
      `pathological: ${samples} events each: ${long.toFixed(2)} ms at the end of a ${report.length}-message ` +
        `thread, ${typical.toFixed(3)} ms in a short thread (medians)`,
    );
    return [
      row({
        name: "pathological per event, 10k thread / short",
        value: long,
        unit: "ms",
        baseline: typical,
        target: { on: "ratio", op: "<=", bound: 5 },
      }),
      row({
        name: "pathological thread messages",
        value: report.messages,
        unit: "messages",
        baseline: report.length,
        target: { on: "ratio", op: "==", bound: 1 },
        invariant: true,
      }),
      row({
        // Replies two minutes apart never leave a 72 h gap: one conversation.
        name: "pathological thread conversations",
        value: report.conversations,
        unit: "conversations",
        target: { on: "value", op: "==", bound: 1 },
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
