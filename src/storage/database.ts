import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "../../db/schema.js";

/**
 * Drizzle over either runtime's database (better-sqlite3 on Node, D1 on Workers): code written against it
 * awaits every query, so the same read services run on both.
 */
export type Db = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

/** Drizzle over the Node database; `$client` is the raw better-sqlite3 handle under it (for thread scans). */
export type NodeDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The SQLite database behind the Node runtime: the raw handle for hot paths and drizzle for the rest. */
export interface SqliteHandle {
  sqlite: Database.Database;
  db: NodeDb;
  path: string;
  close(): void;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** The page size of a database this service creates. */
export const PAGE_SIZE = 1024;

/** The connection's settings, set before anything else runs on it. */
function configure(sqlite: Database.Database): void {
  // 1 KiB pages for a new database (an existing file keeps the size it was created with). A commit writes
  // every page it changed to the WAL: one in each of the dozen indexes and rollups an event touches,
  // whatever its size. With 4 KiB pages, ingest in small group commits wrote about 29 KiB of WAL an event;
  // with 1 KiB pages 10 KiB, and less time in the commit. Reads of the status and the metrics measured the
  // same either way.
  sqlite.pragma(`page_size = ${PAGE_SIZE}`);
  sqlite.pragma("journal_mode = WAL");
  // WAL with NORMAL never loses a committed transaction when the process dies; only an OS crash or power
  // loss can roll back the last commits.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // The rollups' triggers (migration 0005) see a row that INSERT OR REPLACE replaces as deleted only so.
  sqlite.pragma("recursive_triggers = ON");
  // A write that fires those triggers keeps a statement journal of the pages it touches (a dozen indexes,
  // the rollups), which past its in-memory spill size goes to the temporary store. With that store in
  // memory, writing a conversation measured about 25 µs instead of 40.
  sqlite.pragma("temp_store = MEMORY");
  // 32 MB of page cache (SQLite's default is 2 MB): the status's queues and the rollups stay in memory.
  sqlite.pragma("cache_size = -32768");
}

/** An in-memory database migrated once per process; each `:memory:` database starts as a copy of it. */
let migratedInMemory: Buffer | undefined;

function freshInMemory(): Database.Database {
  if (!migratedInMemory) {
    const template = new Database(":memory:");
    configure(template);
    migrate(drizzle(template, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    migratedInMemory = template.serialize();
    template.close();
  }
  return new Database(migratedInMemory);
}

/**
 * Opens (creating the file and its folder when missing) and migrates a SQLite database.
 * `:memory:` gives a private in-memory database, for tests: a copy of one migrated once per process
 * (migrating takes about 6 ms, copying under 0.5 ms).
 */
export function openDatabase(path: string): SqliteHandle {
  const inMemory = path === ":memory:";
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = inMemory ? freshInMemory() : new Database(path);
  configure(sqlite);
  const db = drizzle(sqlite, { schema });
  if (!inMemory) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return {
    sqlite,
    db,
    path,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
