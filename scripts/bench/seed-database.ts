/**
 * Seeded databases for the `status`, `scan` and `metrics` benchmarks, made once and cached: under
 * `$BENCH_CACHE_DIR` (default `<os temp dir>/sla-bench-cache`), one file per size (set by the scale) and
 * seed, plus a hash of the code that decides its contents (generator, seeding, schema, domain and
 * storage), so a change to any of them seeds again. Benchmarks work on copies: the cache is never written.
 * Delete the folder to seed again by hand.
 */
import { createHash } from "node:crypto";
import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { BenchContext } from "./bench-types.js";
import { childEnv, PROJECT_ROOT, runTsChild } from "./child-process.js";
import { makeTempDir, removeTempDir } from "./cleanup.js";
import type { SeedReport } from "./seed-plan.js";

/**
 * A seeded database in the cache, with what it holds; `seconds` and `maxRssKb` are those of the run that
 * seeded it.
 */
export interface SeededDatabase extends SeedReport {
  path: string;
}

/** The files whose contents decide what a seeded database holds. */
const RECIPE = [
  "scripts/support-threads.ts",
  "scripts/support-texts.ts",
  "scripts/ndjson-events.ts",
  "scripts/bench/seed-child.ts",
  "scripts/bench/seed-plan.ts",
  "db/migrations",
  "src/domain",
  "src/storage",
];

export function cacheDir(): string {
  return process.env.BENCH_CACHE_DIR ?? join(tmpdir(), "sla-bench-cache");
}

/** The cached database of `conversations` conversations and this seed, seeding it first when missing. */
export async function seededDatabase(
  context: BenchContext,
  conversations: number,
  seed = 1,
): Promise<SeededDatabase> {
  const dir = cacheDir();
  const kind = `sla-${conversations}conv-seed${seed}-`;
  const name = `${kind}${recipeHash()}`;
  const path = join(dir, `${name}.db`);
  const factsPath = join(dir, `${name}.json`);
  if (existsSync(path) && existsSync(factsPath)) {
    const facts = JSON.parse(readFileSync(factsPath, "utf8")) as SeedReport;
    context.log(`seed: reusing ${path} (${describe(facts)}; delete it to seed again)`);
    return { ...facts, path };
  }
  context.log(
    `seed: seeding ${conversations} conversations (scale ${context.scale}, seed ${seed}) into ${path}`,
  );
  mkdirSync(dir, { recursive: true });
  const work = makeTempDir("seed");
  try {
    const seedPath = join(work, "seed.db");
    // Not profiled: seeding prepares a measurement, it is not one.
    const report = await runTsChild<SeedReport>("./seed-child.ts", {
      env: childEnv({}),
      label: "seed",
      log: context.log,
      args: ["--db", seedPath, "--conversations", String(conversations), "--seed", String(seed)],
    });
    context.log(`seed: ${describe(report)}`);
    // Moved in whole, then its facts: a run cut short never leaves a half-made database in the cache.
    moveFile(seedPath, path);
    writeFileSync(factsPath, JSON.stringify(report, null, 2));
    removeStale(dir, kind, name);
    return { ...report, path };
  } finally {
    removeTempDir(work);
  }
}

/** Copies a seeded database to `path` for a benchmark to use (and change) freely. */
export function copySeed(seeded: SeededDatabase, path: string): string {
  copyFileSync(seeded.path, path, constants.COPYFILE_FICLONE);
  return path;
}

function describe(report: SeedReport): string {
  return (
    `${report.conversations} conversations (${report.open} open), ${report.messages} messages, ` +
    `seeded in ${report.seconds.toFixed(1)} s, peak RSS ${(report.maxRssKb / 1024).toFixed(0)} MB`
  );
}

function moveFile(from: string, to: string): void {
  const staging = `${to}.${process.pid}.tmp`;
  try {
    renameSync(from, staging);
  } catch {
    // Another file system: copy instead.
    copyFileSync(from, staging);
  }
  renameSync(staging, to);
}

/** Removes databases of the same size and seed made by earlier code: they would only take up space. */
function removeStale(dir: string, kind: string, current: string): void {
  for (const file of readdirSync(dir)) {
    if (file.startsWith(kind) && !file.startsWith(current)) rmSync(join(dir, file), { force: true });
  }
}

function recipeHash(): string {
  const hash = createHash("sha256");
  for (const file of RECIPE.flatMap((entry) => filesUnder(join(PROJECT_ROOT, entry))).sort()) {
    hash.update(relative(PROJECT_ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 12);
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}
