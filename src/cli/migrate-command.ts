import type { Config } from "../config.js";
import { openDatabase } from "../storage/database.js";
import { parseCommand } from "./options.js";

export const MIGRATE_USAGE = "migrate [--db PATH]";

/** `migrate`: creates the database file if needed and applies pending migrations. */
export async function migrateCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, { db: { type: "string" } });
  const path = values.db ?? config.dbPath;
  openDatabase(path).close();
  console.log(`${path}: migrated`);
  return 0;
}
