import { renameSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";

/** Pages copied so far out of the database's total, reported after each step of the copy. */
export interface CopyProgress {
  copiedPages: number;
  totalPages: number;
}

/** What a finished copy holds. */
export interface CopyResult {
  pages: number;
  bytes: number;
  messages: number;
  conversations: number;
  /** How often a write by another connection made SQLite start the copy again. */
  restarts: number;
}

// Pages per step (1 MB at SQLite's default page size): between steps, the server writes on.
const PAGES_PER_STEP = 250;
// A write by another process restarts a stepwise copy; after a few restarts the rest goes in one step,
// one read transaction that writers (WAL) do not disturb, so a busy server cannot starve the copy.
const RESTARTS_BEFORE_ONE_STEP = 3;

/**
 * Copies a SQLite database with SQLite's online backup API: a consistent snapshot (committed transactions
 * only, the WAL included) while other processes go on reading and writing. The copy is written beside
 * `dest`, checked (`integrity_check`), made a single self-contained file (rollback journal, no WAL) and
 * only then renamed onto `dest`, so `dest` is never a partial copy.
 */
export async function copyDatabase(
  source: string,
  dest: string,
  onProgress: (progress: CopyProgress) => void = () => {},
): Promise<CopyResult> {
  const partial = `${dest}.partial`;
  removeDatabaseFiles(partial);
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarts = 0;
    const done = await sqlite.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        onProgress({ copiedPages: totalPages - remainingPages, totalPages });
        return restarts >= RESTARTS_BEFORE_ONE_STEP ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
    onProgress({ copiedPages: done.totalPages, totalPages: done.totalPages });
    const counts = checkCopy(partial);
    renameSync(partial, dest);
    return { pages: done.totalPages, bytes: statSync(dest).size, restarts, ...counts };
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  } finally {
    sqlite.close();
  }
}

/** Checks a fresh copy and turns it into one file; returns its message and conversation counts. */
function checkCopy(path: string): { messages: number; conversations: number } {
  const copy = new Database(path);
  try {
    copy.pragma("journal_mode = DELETE");
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`the copy fails SQLite's integrity check: ${String(integrity)}`);
    return { messages: countRows(copy, "messages"), conversations: countRows(copy, "conversations") };
  } finally {
    copy.close();
  }
}

function countRows(sqlite: Database.Database, table: string): number {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  return exists ? (sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
}

/** Removes a database file with its WAL, shared-memory and journal files. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
}

/** `12.3 MB` */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
