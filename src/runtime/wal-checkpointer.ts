import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** How often the worker folds the WAL back into the database file. */
const INTERVAL_MS = 500;
/**
 * SQLite's own checkpoint threshold on the serving connection while the worker runs, in bytes of WAL:
 * far above what the worker lets the WAL reach, so it only acts if the worker stops keeping up.
 */
const FALLBACK_BYTES = 40 * 1024 * 1024;
const SQLITE_DEFAULT_PAGES = 1000;

// Plain JavaScript evaluated as the worker (no TypeScript loader needed): its own connection, a passive
// checkpoint at each tick (it never waits for or blocks a writer), closed on "stop".
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** A running checkpointer. */
export interface WalCheckpointer {
  /** Stops the worker after its checkpoint in progress and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Checkpoints the WAL of the database at `path` from a worker thread with its own connection, instead of
 * in whichever commit crosses SQLite's automatic threshold. A checkpoint copies the WAL into the database
 * file and, with `synchronous = NORMAL`, syncs both to disk; on a busy disk those syncs take hundreds of
 * milliseconds, which on the serving thread hold up every request. Commits themselves never sync in WAL
 * mode with `synchronous = NORMAL`, so the serving thread no longer waits for the disk. If the worker
 * fails, `onError` is told and SQLite's own checkpoints take over again.
 */
export function startWalCheckpointer(
  sqlite: Database.Database,
  path: string,
  onError: (message: string) => void,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path, intervalMs: INTERVAL_MS },
  });
  const pageSize = sqlite.pragma("page_size", { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${Math.ceil(FALLBACK_BYTES / pageSize)}`);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const fallBack = (message: string) => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    onError(message);
  };
  worker.on("message", (message: { error?: string }) => {
    if (message.error) onError(`WAL checkpoint: ${message.error}`);
  });
  worker.once("error", (error) => fallBack(`WAL checkpointer stopped: ${error.message}`));
  // A service stopped without `stop()` (a test, an error) must not be kept alive by the worker.
  worker.unref();
  return {
    stop: async () => {
      // Referenced again, so the process waits for the worker to close its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
