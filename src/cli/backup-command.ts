import type { Config } from "../config.js";
import { UsageError } from "./options.js";

export const BACKUP_USAGE = "backup [--db PATH] FILE";

/** `backup FILE`: an online copy of the database (filled in by the durability work). */
export async function backupCommand(_args: string[], _config: Config): Promise<number> {
  throw new UsageError("backup is not available yet");
}
