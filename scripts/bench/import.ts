/**
 * `import`: a seeded twcs file of 2.8M rows (the public dataset's size; scaled) imported by the real path
 * (`importFile` through `createNodeService`, deriving threads and conversations and attributing accounts)
 * against raw better-sqlite3 inserts of the same parsed rows. The target is absolute (rows/s end to end),
 * with the ratio to the raw inserts beside it. Each runs in its own child process, so that its peak RSS
 * is its own; the imported row count must equal the file's.
 */
import { join } from "node:path";
import { type BenchContext, type Benchmark, type BenchRow, row, scaled } from "./bench-types.js";
import { childEnv, profiling, startTsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import type { ImportChildReport } from "./import-child.js";
import { writeTwcsFile } from "./twcs-file.js";

const ROWS = 2_800_000;
const MB = 1024;

/** The benchmark, for the runner. */
export const importBench: Benchmark = { name: "import", run };

async function run(context: BenchContext): Promise<BenchRow[]> {
  const dir = makeTempDir("import");
  try {
    const file = join(dir, "twcs.csv");
    const rows = await writeTwcsFile(file, scaled(ROWS, context.scale, 1000));
    context.log(`import: wrote ${rows} rows to ${file}`);
    const baseline = await importInChild(context, "baseline", file, join(dir, "baseline.db"));
    // The baseline must see the whole file too, or the comparison is meaningless.
    if (baseline.rows !== rows || baseline.count !== rows) {
      throw new Error(
        `baseline read ${baseline.rows} rows and stored ${baseline.count}, the file has ${rows}`,
      );
    }
    const real = await importInChild(context, "real", file, join(dir, "real.db"));
    return [
      row({
        name: "import throughput",
        value: real.rows / real.seconds,
        unit: "rows/s",
        baseline: baseline.rows / baseline.seconds,
        target: { on: "value", op: ">=", bound: 100_000 },
      }),
      row({
        name: "import peak RSS",
        value: real.maxRssKb / MB,
        unit: "MB",
        baseline: baseline.maxRssKb / MB,
        target: { on: "value", op: "<=", bound: 400 },
      }),
      row({
        name: "import rows",
        value: real.count,
        unit: "rows",
        baseline: rows,
        target: { on: "ratio", op: "==", bound: 1 },
        invariant: true,
      }),
    ];
  } finally {
    removeTempDir(dir);
  }
}

async function importInChild(
  context: BenchContext,
  mode: ImportChildReport["mode"],
  file: string,
  db: string,
): Promise<ImportChildReport> {
  // Only the real import is profiled: the baseline is there to be compared with, not optimized.
  const profile = profiling(mode === "real" ? context.profile : null, "import");
  const child = startTsChild("./import-child.ts", {
    ...profile,
    env: childEnv(profile.env),
    label: `import ${mode}`,
    log: context.log,
    args: ["--mode", mode, "--file", file, "--db", db],
  });
  const report = (await child.nextMessage()) as ImportChildReport;
  const status = await child.exited;
  if (status !== 0) throw new Error(`import ${mode} child exited with ${status}`);
  context.log(
    `import ${mode}: ${report.rows} rows (${report.rejected} rejected, ${report.count} stored) in ` +
      `${report.seconds.toFixed(1)} s = ${(report.rows / report.seconds).toFixed(0)} rows/s, ` +
      `peak RSS ${(report.maxRssKb / MB).toFixed(0)} MB`,
  );
  return report;
}
