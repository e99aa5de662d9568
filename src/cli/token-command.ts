import type { Config } from "../config.js";
import { createToken } from "../services/tokens.js";
import { openDatabase } from "../storage/database.js";
import { parseCommand, UsageError } from "./options.js";

export const TOKEN_USAGE = "token create [--label TEXT] [--db PATH]";

/** `token create`: a new API token for the write endpoints, printed once. */
export async function tokenCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, { label: { type: "string" }, db: { type: "string" } });
  if (positionals[0] !== "create") throw new UsageError(`usage: ${TOKEN_USAGE}`);
  const handle = openDatabase(values.db ?? config.dbPath);
  try {
    console.log(await createToken(handle.db, values.label ?? "cli", Date.now()));
    return 0;
  } finally {
    handle.close();
  }
}
