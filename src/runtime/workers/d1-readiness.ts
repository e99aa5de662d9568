import journal from "../../../db/migrations/meta/_journal.json" with { type: "json" };
import type { Readiness } from "../../services/readiness.js";
import type { D1Client } from "../../storage/d1/d1-client.js";

/** The migrations this build ships, by name as wrangler records them (`0000_init.sql`). */
const SHIPPED = journal.entries.map((entry) => `${entry.tag}.sql`);

/**
 * Whether D1 answers and holds every migration this build ships: wrangler's `d1 migrations apply` records
 * each applied file in `d1_migrations` (drizzle's own table is not used on Workers).
 */
export async function checkD1Readiness(d1: D1Client): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const { results } = await d1.prepare("SELECT name FROM d1_migrations").all<{ name: string }>();
    applied = new Set(results.map((row) => row.name));
  } catch (error) {
    return { ok: false, reason: `database: ${(error as Error).message}` };
  }
  const missing = SHIPPED.filter((name) => !applied.has(name)).length;
  if (missing > 0)
    return {
      ok: false,
      reason: `migrations: ${missing} of ${SHIPPED.length} not applied (wrangler d1 migrations apply)`,
    };
  return { ok: true, migrations: SHIPPED.length };
}
