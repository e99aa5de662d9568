import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_DIR, type NodeDb } from "../storage/database.js";

/** Whether the service can answer: its database responds and holds every migration this build ships. */
export type Readiness = { ok: true; migrations: number } | { ok: false; reason: string };

let shipped: string[] | null = null;

/** The hashes of the migrations in db/migrations, read once (they cannot change under a running build). */
function shippedHashes(): string[] {
  shipped ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((migration) => migration.hash);
  return shipped;
}

/** Asks the database one query for the applied migrations and compares them with the shipped ones. */
export function checkReadiness(db: NodeDb): Readiness {
  let applied: Set<string>;
  try {
    // drizzle's migrator records each applied migration's hash in this table.
    const rows = db.all<{ hash: string }>(sql`SELECT hash FROM __drizzle_migrations`);
    applied = new Set(rows.map((row) => row.hash));
  } catch (error) {
    return { ok: false, reason: `database: ${(error as Error).message}` };
  }
  let expected: string[];
  try {
    expected = shippedHashes();
  } catch (error) {
    return { ok: false, reason: `migrations: cannot read ${MIGRATIONS_DIR} (${(error as Error).message})` };
  }
  const missing = expected.filter((hash) => !applied.has(hash)).length;
  if (missing > 0) return { ok: false, reason: `migrations: ${missing} of ${expected.length} not applied` };
  return { ok: true, migrations: expected.length };
}
