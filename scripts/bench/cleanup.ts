/**
 * Temp files and child processes of a benchmark run, removed and killed even when the run fails or is
 * interrupted: a benchmark left running would skew every later measurement on a shared machine.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const children = new Set<ChildProcess>();
const paths = new Set<string>();

/** Kills the child at the latest when the run ends (normally, on error or on a signal). */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** Creates a fresh folder under os.tmpdir(), removed when the run ends. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sla-bench-${prefix}-`));
  paths.add(dir);
  return dir;
}

/** Removes a temp folder now (its benchmark is done with it). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  paths.delete(dir);
}

/** Synchronous, so it also works from an `exit` handler: kills the children, removes the folders. */
export function cleanupNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  children.clear();
  for (const dir of paths) rmSync(dir, { recursive: true, force: true });
  paths.clear();
}

/** Cleans up on exit, SIGINT and SIGTERM (exiting with the conventional 128 + signal number). */
export function installCleanupHandlers(log: (line: string) => void): void {
  process.once("exit", cleanupNow);
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    log(`${signal}: killing child processes and removing temp files`);
    cleanupNow();
    process.exit(code);
  };
  process.once("SIGINT", () => onSignal("SIGINT", 130));
  process.once("SIGTERM", () => onSignal("SIGTERM", 143));
}
