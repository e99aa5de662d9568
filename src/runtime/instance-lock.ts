import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** Thrown when another process holds the database: the message says which and what to do. */
export class InstanceLockedError extends Error {}

/** A held instance lock; `release` is idempotent. */
export interface InstanceLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  command: string;
  started_at: string;
}

/** The lock file of a database: `<db>.lock`, next to it. */
export function lockPathOf(dbPath: string): string {
  return `${dbPath}.lock`;
}

/**
 * Takes the exclusive instance lock of a database file, or throws {@link InstanceLockedError} naming the
 * process that holds it. The lock is SQLite's own write lock on `<db>.lock`, held by an open transaction:
 * the operating system drops it when the process dies, so a killed server never leaves a stale lock and
 * a reused PID can never look like a live holder. The holder's PID is recorded only to explain a refusal.
 * `:memory:` databases are private to their process and need no lock.
 */
export function acquireInstanceLock(dbPath: string, command: string): InstanceLock {
  const path = lockPathOf(dbPath);
  if (dbPath === ":memory:") return { path, release: () => {} };
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  try {
    // A short wait covers a reader of the holder row; the write lock itself is never waited for long.
    sqlite.pragma("busy_timeout = 200");
    sqlite.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, command TEXT, started_at TEXT)");
    // Record who holds it (committed, so a refused process can read it), then take the lock for good.
    // Should another process slip in between the two transactions, this one is refused: never both.
    take(sqlite, dbPath);
    sqlite.exec("DELETE FROM holder");
    sqlite
      .prepare("INSERT INTO holder VALUES (?, ?, ?, ?)")
      .run(process.pid, hostname(), command, new Date().toISOString());
    sqlite.exec("COMMIT");
    take(sqlite, dbPath);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    sqlite.close();
  };
  process.once("exit", release);
  return {
    path,
    release: () => {
      process.off("exit", release);
      release();
    },
  };
}

/** Opens the write transaction that is the lock; a busy database means another process holds it. */
function take(sqlite: Database.Database, dbPath: string): void {
  try {
    sqlite.exec("BEGIN IMMEDIATE");
  } catch (error) {
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    throw new InstanceLockedError(refusal(dbPath, readHolder(sqlite)));
  }
}

function readHolder(sqlite: Database.Database): Holder | undefined {
  try {
    return sqlite.prepare("SELECT pid, host, command, started_at FROM holder").get() as Holder | undefined;
  } catch {
    return undefined;
  }
}

function refusal(dbPath: string, holder: Holder | undefined): string {
  const who = holder
    ? `\`${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.started_at})`
    : "another process";
  return (
    `database ${dbPath} is in use by ${who}; only one server (or scan, import, restore) may use a ` +
    "database file at a time. Stop it first, or use --db for another file."
  );
}
