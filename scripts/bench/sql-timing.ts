/**
 * Preload for profiling runs (`node --import tsx --import ./scripts/bench/sql-timing.ts ...`): times
 * every better-sqlite3 statement call by its SQL text, and the BEGIN/COMMIT around outermost
 * transactions, then writes the totals as JSON to `$BENCH_SQL_TIMING_OUT` when the process exits.
 * A CPU profile shows time in native `run`/`get`/`all` calls but not which SQL they ran; this does.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** Totals of one SQL text (or of the transaction overhead). */
export interface SqlTiming {
  sql: string;
  calls: number;
  ms: number;
}

const timings = new Map<string, SqlTiming>();
const METHODS = ["run", "get", "all", "iterate"] as const;
/** The label under which BEGIN + COMMIT of outermost transactions are counted. */
export const TRANSACTION_LABEL = "(BEGIN + COMMIT of outermost transactions)";

function add(sql: string, ms: number): void {
  const timing = timings.get(sql) ?? { sql, calls: 0, ms: 0 };
  timing.calls++;
  timing.ms += ms;
  timings.set(sql, timing);
}

type AnyFunction = (...args: unknown[]) => unknown;

function timed(fn: AnyFunction, sql: string): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      add(sql, performance.now() - started);
    }
  };
}

const proto = Database.prototype as unknown as Record<string, AnyFunction>;
const prepare = proto.prepare;
const transaction = proto.transaction;
if (!prepare || !transaction) throw new Error("sql-timing: unexpected better-sqlite3 API");

proto.prepare = function (this: unknown, sql: unknown) {
  const statement = prepare.call(this, sql) as Record<string, unknown>;
  const text = String(sql).replace(/\s+/g, " ").trim();
  for (const method of METHODS) {
    const original = statement[method];
    if (typeof original === "function") statement[method] = timed(original as AnyFunction, text);
  }
  return statement;
};

let depth = 0;
let bodyMs = 0;
proto.transaction = function (this: unknown, body: unknown) {
  if (typeof body !== "function") return transaction.call(this, body);
  // The body's own time is subtracted so that only BEGIN and COMMIT remain.
  const measuredBody = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    depth++;
    try {
      return (body as AnyFunction).apply(this, args);
    } finally {
      depth--;
      if (depth === 0) bodyMs = performance.now() - started;
    }
  };
  const wrapped = transaction.call(this, measuredBody) as AnyFunction & Record<string, unknown>;
  const outer = timedTransaction(wrapped) as AnyFunction & Record<string, unknown>;
  // drizzle calls `transaction(fn).deferred()` and the like.
  for (const behavior of ["deferred", "immediate", "exclusive"]) {
    const variant = wrapped[behavior];
    if (typeof variant === "function") outer[behavior] = timedTransaction(variant as AnyFunction);
  }
  return outer;
};

function timedTransaction(wrapped: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    if (depth > 0) return wrapped.apply(this, args);
    bodyMs = 0;
    const started = performance.now();
    try {
      return wrapped.apply(this, args);
    } finally {
      add(TRANSACTION_LABEL, performance.now() - started - bodyMs);
    }
  };
}

process.once("exit", () => {
  const out = process.env.BENCH_SQL_TIMING_OUT;
  if (!out) return;
  const sorted = [...timings.values()].sort((a, b) => b.ms - a.ms);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(sorted, null, 2));
});
