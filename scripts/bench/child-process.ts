/**
 * Child processes of the benchmarks: TypeScript entry points run by Node with tsx, reporting to the
 * parent with JSON lines on stdout (their stderr is forwarded, prefixed, to the parent's stderr).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ProfileOptions } from "./bench-types.js";
import { trackChild } from "./cleanup.js";

/** The project root: children resolve `tsx` and the sources from here. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A running child and the JSON lines it printed on stdout, in order. */
export interface TsChild {
  process: ChildProcess;
  /** Resolves with the next JSON line (rejects if the child exits first). */
  nextMessage(): Promise<unknown>;
  /** Resolves with the exit code (or the signal's name) once the child has exited. */
  exited: Promise<number | string>;
}

/** Options of {@link startTsChild}. */
export interface TsChildOptions {
  /** Replaces the parent's environment. */
  env: NodeJS.ProcessEnv;
  /** A short name for log prefixes. */
  label: string;
  log: (line: string) => void;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** TypeScript modules (relative to this folder) imported before the entry point. */
  preload?: string[];
  args?: string[];
}

/** Starts `node --import tsx <script>` (script relative to this folder). */
export function startTsChild(script: string, options: TsChildOptions): TsChild {
  const entry = fileURLToPath(new URL(script, import.meta.url));
  const preload = (options.preload ?? []).flatMap((module) => [
    "--import",
    new URL(module, import.meta.url).href,
  ]);
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), "--import", "tsx", ...preload, entry, ...(options.args ?? [])],
    { cwd: PROJECT_ROOT, env: options.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  trackChild(child);
  // "close", not "exit": it comes after the child's output has been read, so no report is missed.
  let closed = false;
  const exited = once(child, "close").then(([code, signal]) => {
    closed = true;
    return (code ?? signal) as number | string;
  });
  forwardLines(child.stderr, (line) => options.log(`[${options.label}] ${line}`));

  const messages: unknown[] = [];
  const waiters: Array<{ resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  forwardLines(child.stdout, (line) => {
    const message = parseLine(line);
    if (message === undefined) return options.log(`[${options.label}] ${line}`);
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else messages.push(message);
  });
  exited.then((status) => {
    for (const waiter of waiters.splice(0)) {
      waiter.reject(new Error(`${options.label} exited (${status}) before reporting`));
    }
  });
  const nextMessage = () =>
    new Promise<unknown>((resolve, reject) => {
      if (messages.length > 0) return resolve(messages.shift());
      if (closed) {
        return reject(
          new Error(`${options.label} exited (${child.exitCode ?? child.signalCode}) before reporting`),
        );
      }
      waiters.push({ resolve, reject });
    });
  return { process: child, nextMessage, exited };
}

/**
 * Runs a child that reports once and exits: resolves with its report, or throws when it exits without
 * one or with a non-zero status.
 */
export async function runTsChild<T>(script: string, options: TsChildOptions): Promise<T> {
  const child = startTsChild(script, options);
  const report = (await child.nextMessage()) as T;
  const status = await child.exited;
  if (status !== 0) throw new Error(`${options.label} exited with ${status}`);
  return report;
}

/** Asks the child to stop (SIGTERM, so a server drains and closes its database) and waits; SIGKILL after `graceMs`. */
export async function stopChild(child: TsChild, graceMs = 15_000): Promise<number | string> {
  const { process: proc } = child;
  if (proc.exitCode === null && proc.signalCode === null) {
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
    try {
      return await child.exited;
    } finally {
      clearTimeout(timer);
    }
  }
  return child.exited;
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", onLine);
}

/** A JSON object line, or undefined for any other output. */
function parseLine(line: string): unknown {
  if (!line.startsWith("{")) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Prints a message for the parent (one JSON line on stdout); for use in child entry points. */
export function reportToParent(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** The parent's environment without SLA_* settings (which would change what is measured), plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("SLA_") && key !== "PORT") env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Options that make a child write V8 CPU profiles (and with `sql`, its SQL timings as `sql.json`, see
 * sql-timing.ts) into a folder `<name>-<time>` under `profile.dir`; none without profiling. Node names
 * the profiles itself: one per thread (tsx's module loader has its own), which one fixed name would overwrite.
 */
export function profiling(
  profile: ProfileOptions | null,
  name: string,
): Pick<TsChildOptions, "nodeFlags" | "preload"> & { env: Record<string, string> } {
  if (!profile) return { env: {} };
  const dir = join(profile.dir, `${name}-${Date.now()}`);
  const flags = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
  if (!profile.sql) return { nodeFlags: flags, env: {} };
  return {
    nodeFlags: flags,
    preload: ["./sql-timing.ts"],
    env: { BENCH_SQL_TIMING_OUT: join(dir, "sql.json") },
  };
}
