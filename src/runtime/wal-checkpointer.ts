import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** How often the worker folds the WAL back into the database file. */
const INTERVAL_MS = 500;
/** The WAL's size past which the worker has it start over from its beginning (see `startWalCheckpointer`). */
const RESTART_BYTES = 16 * 1024 * 1024;
/**
 * SQLite's own checkpoint threshold on the serving connection while the worker runs, in bytes of WAL:
 * far above what the worker lets the WAL reach, so it only acts if the worker stops keeping up.
 */
const FALLBACK_BYTES = 64 * 1024 * 1024;
const SQLITE_DEFAULT_PAGES = 1000;
/** Commits are held at most this long for a restart, whatever the worker says. */
const MAX_HOLD_MS = 250;
/** After a hold that reached `MAX_HOLD_MS` (a slow disk), commits are not held again for this long. */
const COOL_DOWN_MS = 10_000;

// Plain JavaScript evaluated as the worker (no TypeScript loader needed): its own connection, a passive
// checkpoint at each tick (it never waits for or blocks a writer), closed on "stop". Past `restartFrames`
// frames of WAL it asks the serving thread to hold its commits, checkpoints what was written meanwhile,
// and lets them go: the next commit then starts the WAL over.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
let holding = false;
let stopping = false;
const checkpoint = () => db.pragma("wal_checkpoint(PASSIVE)")[0];
const timer = setInterval(() => {
  if (holding) return;
  try {
    const { log } = checkpoint();
    if (log >= workerData.restartFrames) {
      holding = true;
      parentPort.postMessage({ hold: true });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message === "declined") {
    holding = false;
    return;
  }
  if (message === "held") {
    try {
      checkpoint();
    } catch (error) {
      parentPort.postMessage({ error: String(error && error.message) });
    }
    holding = false;
    parentPort.postMessage({ release: true });
    if (stopping) close();
    return;
  }
  if (message !== "stop") return;
  stopping = true;
  if (!holding) close();
});
function close() {
  clearInterval(timer);
  db.close();
  parentPort.close();
}
`;

/** What the checkpointer asks of the serving thread's writes (`BatchingWriter`). */
export interface CommitGate {
  /** Holds commits: submitted events wait (the event loop does not). */
  hold(): void;
  /** Lets held commits go. */
  release(): void;
}

/** A running checkpointer. */
export interface WalCheckpointer {
  /** Stops the worker after its checkpoint in progress and closes its connection. */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  onError: (message: string) => void;
  /** The serving thread's commits, held while the worker starts the WAL over; none: it never does. */
  gate?: CommitGate;
  /** Overrides for tests. */
  intervalMs?: number;
  restartBytes?: number;
  maxHoldMs?: number;
}

/**
 * Checkpoints the WAL of the database at `path` from a worker thread with its own connection, instead of
 * in whichever commit crosses SQLite's automatic threshold. A checkpoint copies the WAL into the database
 * file and, with `synchronous = NORMAL`, syncs both to disk; on a busy disk those syncs take hundreds of
 * milliseconds, which on the serving thread hold up every request. Commits themselves never sync in WAL
 * mode with `synchronous = NORMAL`, so the serving thread no longer waits for the disk.
 *
 * The WAL starts over from its beginning only at a commit that finds every frame copied, which under
 * steady ingest never happens by chance: each checkpoint ends behind the commits made while it ran. So
 * past `RESTART_BYTES` the worker asks the `gate` to hold commits (requests wait; the event loop goes on),
 * checkpoints the little written since its last checkpoint, and releases them; the next commit restarts
 * the WAL. Without that, the serving connection's own checkpoint would do it at `FALLBACK_BYTES`, copying
 * and syncing on the serving thread. If the worker fails, `onError` is told and SQLite's own checkpoints
 * take over again.
 */
export function startWalCheckpointer(
  sqlite: Database.Database,
  path: string,
  options: WalCheckpointerOptions,
): WalCheckpointer {
  const { onError, gate } = options;
  const pageSize = sqlite.pragma("page_size", { simple: true }) as number;
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      path,
      intervalMs: options.intervalMs ?? INTERVAL_MS,
      // No restarts without a gate to hold commits at.
      restartFrames: gate
        ? Math.ceil((options.restartBytes ?? RESTART_BYTES) / pageSize)
        : Number.MAX_SAFE_INTEGER,
    },
  });
  sqlite.pragma(`wal_autocheckpoint = ${Math.ceil(FALLBACK_BYTES / pageSize)}`);
  let holdTimer: NodeJS.Timeout | undefined;
  let coolUntil = 0;
  const release = () => {
    if (!holdTimer) return;
    clearTimeout(holdTimer);
    holdTimer = undefined;
    gate?.release();
  };
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.once("exit", release);
  const fallBack = (message: string) => {
    release();
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    onError(message);
  };
  worker.on("message", (message: { error?: string; hold?: boolean; release?: boolean }) => {
    if (message.error) onError(`WAL checkpoint: ${message.error}`);
    if (message.hold && gate) {
      if (Date.now() < coolUntil) {
        worker.postMessage("declined");
        return;
      }
      // Nothing is being written now: a commit runs whole within one turn of the event loop.
      gate.hold();
      holdTimer = setTimeout(() => {
        coolUntil = Date.now() + COOL_DOWN_MS;
        release();
      }, options.maxHoldMs ?? MAX_HOLD_MS);
      worker.postMessage("held");
    }
    if (message.release) release();
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
