/** What every benchmark shares: its result rows and the context the runner hands it. */

/** A bound a row is judged against: `ratio >= 0.5`, `value <= 15`, `value == 0`. */
export interface Target {
  on: "value" | "ratio";
  op: ">=" | "<=" | "==";
  bound: number;
}

/** One measured figure, printed as a table row or a JSON object. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The same figure for the baseline measured in the same run, or null when there is none. */
  baseline: number | null;
  /** value / baseline: ratios travel between machines, absolute numbers do not. */
  ratio: number | null;
  /** Human-readable target such as `ratio >= 0.5`, or null when the figure is only reported. */
  target: string | null;
  /** Whether the target is met; null without a target. */
  met: boolean | null;
  /**
   * A correctness invariant (nothing lost, no errors) rather than a speed target: when it fails, the
   * runner fails loudly. Not part of the printed JSON.
   */
  invariant?: boolean;
}

/** Where profiles go, and whether SQL statements are timed too. */
export interface ProfileOptions {
  dir: string;
  /**
   * Time each SQL statement (sql-timing.ts). Off by default: the wrappers take the native SQLite time
   * that a CPU profile would otherwise show under the calling function.
   */
  sql: boolean;
}

/** What the runner hands each benchmark. */
export interface BenchContext {
  /** 0 < scale <= 1: shrinks data sizes and durations for a quick run. */
  scale: number;
  /** Progress lines, to stderr (stdout is reserved for the results). */
  log: (line: string) => void;
  /** When set, the measured child processes are profiled (see `profiling` in child-process.ts). */
  profile: ProfileOptions | null;
}

/** A benchmark: measures, and returns one or more rows. */
export interface Benchmark {
  name: string;
  run: (context: BenchContext) => Promise<BenchRow[]>;
}

/** Fields of a row before the ratio and the verdict are worked out. */
export interface RowInput {
  name: string;
  value: number;
  unit: string;
  baseline?: number | null;
  target?: Target | null;
  invariant?: boolean;
}

/** Builds a row: computes the ratio to the baseline and judges the target. */
export function row(input: RowInput): BenchRow {
  const baseline = input.baseline ?? null;
  const ratio = baseline === null || baseline === 0 ? null : input.value / baseline;
  const target = input.target ?? null;
  const built: BenchRow = {
    name: input.name,
    value: input.value,
    unit: input.unit,
    baseline,
    ratio,
    target: target ? `${target.on} ${target.op} ${target.bound}` : null,
    met: target ? judge(target, target.on === "value" ? input.value : ratio) : null,
  };
  if (input.invariant) built.invariant = true;
  return built;
}

function judge(target: Target, actual: number | null): boolean {
  if (actual === null || Number.isNaN(actual)) return false;
  if (target.op === ">=") return actual >= target.bound;
  if (target.op === "<=") return actual <= target.bound;
  return actual === target.bound;
}

/** Scales a size, never below `min` (a tiny run must still measure something). */
export function scaled(size: number, scale: number, min: number): number {
  return Math.max(min, Math.round(size * scale));
}
