/**
 * Benchmark runner: `npm run bench` prints a table; `npm run -s bench -- --json` prints only
 * `{"results": [...]}` on stdout (progress goes to stderr).
 *
 *   npm run bench -- [--json] [--only NAME] [--scale X] [--profile DIR [--profile-sql]]
 *
 * `--scale X` (0 < X <= 1) shrinks data sizes and durations for a quick run; `--profile DIR` makes the
 * measured child processes write V8 CPU profiles there, and `--profile-sql` adds time per SQL statement
 * (read both with `npx tsx scripts/bench/profile-summary.ts DIR`). Profiling slows the service down:
 * figures of a profiled run are not comparable with others.
 * `status`, `scan` and `metrics` work on seeded databases cached between runs (see seed-database.ts).
 * Speed targets are reported, never asserted: a missed target does not fail the run. A broken invariant
 * (an error answer, a lost write, a row count that does not add up) or a crashed benchmark does (exit 1).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { batchIngest } from "./batch-ingest.js";
import type { BenchContext, Benchmark, BenchRow, ProfileOptions } from "./bench-types.js";
import { installCleanupHandlers } from "./cleanup.js";
import { httpIngest } from "./http-ingest.js";
import { importBench } from "./import.js";
import { metricsBench } from "./metrics.js";
import { pathologicalBench } from "./pathological.js";
import { scanBench } from "./scan.js";
import { statusBench } from "./status.js";
import { formatTable } from "./table.js";

const BENCHMARKS: readonly Benchmark[] = [
  httpIngest,
  batchIngest,
  importBench,
  statusBench,
  scanBench,
  metricsBench,
  pathologicalBench,
];

interface Cli {
  json: boolean;
  only: string | null;
  scale: number;
  profile: ProfileOptions | null;
}

function parseCli(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      only: { type: "string" },
      scale: { type: "string", default: "1" },
      profile: { type: "string" },
      "profile-sql": { type: "boolean", default: false },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1]: ${values.scale}`);
  const only = values.only ?? null;
  if (only !== null && !BENCHMARKS.some((bench) => bench.name === only)) {
    throw new Error(`--only: unknown benchmark ${only}; one of ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  }
  if (values["profile-sql"] && !values.profile) throw new Error("--profile-sql needs --profile DIR");
  const profile = values.profile ? { dir: resolve(values.profile), sql: values["profile-sql"] } : null;
  return { json: values.json, only, scale, profile };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2));
  installCleanupHandlers(log);
  if (cli.profile) mkdirSync(cli.profile.dir, { recursive: true });
  const context: BenchContext = { scale: cli.scale, log, profile: cli.profile };
  const results: BenchRow[] = [];
  const failures: string[] = [];
  for (const bench of BENCHMARKS) {
    if (cli.only !== null && bench.name !== cli.only) continue;
    log(`== ${bench.name} (scale ${cli.scale})`);
    try {
      results.push(...(await bench.run(context)));
    } catch (error) {
      failures.push(
        `${bench.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  for (const broken of results.filter((result) => result.invariant && result.met === false)) {
    failures.push(`${broken.name}: ${broken.value} ${broken.unit}, expected ${broken.target}`);
  }
  if (cli.json) process.stdout.write(`${JSON.stringify({ results: results.map(publicRow) })}\n`);
  else process.stdout.write(`${formatTable(results)}\n`);
  for (const failure of failures) log(`FAILED ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

/** The row without internal fields, in the documented key order. */
function publicRow(result: BenchRow) {
  const { name, value, unit, baseline, ratio, target, met } = result;
  return { name, value, unit, baseline, ratio, target, met };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
