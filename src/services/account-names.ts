import { eq } from "drizzle-orm";
import { accounts } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

/**
 * An account as conversations are stored under it: a known account in its canonical spelling (accounts
 * are matched case-insensitively, as in attribution and policies), any other name as given. What filters
 * by account (the API, the pages, the CLI) looks the name up here first.
 */
export async function storedAccountName(db: Db, name: string): Promise<string> {
  const known = await db
    .select({ name: accounts.name })
    .from(accounts)
    .where(eq(accounts.key, name.toLowerCase()))
    .get();
  return known?.name ?? name;
}
