import { existsSync, renameSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Config } from "../config.js";
import { acquireInstanceLock } from "../runtime/instance-lock.js";
import { MIGRATIONS_DIR, openDatabase } from "../storage/database.js";
import { progressPrinter } from "./backup-command.js";
import { copyDatabase, removeDatabaseFiles } from "./database-copy.js";
import { parseCommand, UsageError } from "./options.js";

export const RESTORE_USAGE = "restore [--db PATH] FILE";

/**
 * `restore FILE`: replaces the database with a backup. Refused while a server (or scan, import) holds the
 * database; the lock is held until the restore is done, so none can start meanwhile. The previous database
 * is kept as `<db>.before-restore`; the restored one is migrated to this build's schema.
 */
export async function restoreCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, { db: { type: "string" } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("expected one backup FILE to restore");
  const dbPath = values.db ?? config.dbPath;
  if (!existsSync(file)) throw new UsageError(`FILE: no backup at ${file}`);
  if (resolve(file) === resolve(dbPath)) throw new UsageError("FILE: must not be the database itself");
  checkBackup(file);
  const lock = acquireInstanceLock(dbPath, `restore ${file}`);
  try {
    const kept = existsSync(dbPath) ? `${dbPath}.before-restore` : null;
    if (kept) {
      await copyDatabase(dbPath, kept, progressPrinter(`saving ${dbPath}`));
      removeDatabaseFiles(dbPath);
    }
    // Copied beside the database, then renamed onto it: the path never holds a partial database.
    const incoming = `${dbPath}.restoring`;
    const copied = await copyDatabase(file, incoming, progressPrinter(`restoring ${file}`));
    renameSync(incoming, dbPath);
    openDatabase(dbPath).close();
    console.log(
      `restored ${file} into ${dbPath}: ${copied.messages} messages, ${copied.conversations} conversations` +
        (kept ? `; the previous database is kept as ${kept}` : ""),
    );
    return 0;
  } finally {
    lock.release();
  }
}

/** Refuses a file that is not an intact database of this service, or one from a newer build. */
function checkBackup(file: string): void {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new UsageError(`FILE: cannot open ${file} as a SQLite database (${(error as Error).message})`);
  }
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok")
      throw new UsageError(`FILE: ${file} fails SQLite's integrity check: ${integrity}`);
    const applied = appliedMigrations(sqlite, file);
    const shipped = new Set(readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m) => m.hash));
    const unknown = applied.filter((hash) => !shipped.has(hash)).length;
    if (unknown > 0) {
      throw new UsageError(
        `FILE: ${file} holds ${unknown} migrations this version does not know (a newer build?)`,
      );
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`FILE: cannot read ${file} as a SQLite database (${(error as Error).message})`);
  } finally {
    sqlite.close();
  }
}

function appliedMigrations(sqlite: Database.Database, file: string): string[] {
  try {
    return sqlite.prepare("SELECT hash FROM __drizzle_migrations").pluck().all() as string[];
  } catch {
    throw new UsageError(`FILE: ${file} is not a database of this service (no migrations table)`);
  }
}
