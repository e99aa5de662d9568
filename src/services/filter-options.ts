import { asc } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

/** Enough for any real team; a select with more entries than this is unusable anyway. */
const MAX_OPTIONS = 500;

/** The accounts and sources that occur in stored conversations, sorted, for the status page's filter form. */
export async function listFilterOptions(db: Db): Promise<{ accounts: string[]; sources: string[] }> {
  const c = conversations;
  const [accounts, sources] = await Promise.all([
    db.selectDistinct({ value: c.account }).from(c).orderBy(asc(c.account)).limit(MAX_OPTIONS),
    db.selectDistinct({ value: c.source }).from(c).orderBy(asc(c.source)).limit(MAX_OPTIONS),
  ]);
  return { accounts: accounts.map((r) => r.value), sources: sources.map((r) => r.value) };
}
