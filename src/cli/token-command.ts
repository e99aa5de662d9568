import type { Config } from "../config.js";
import {
  createToken,
  listTokens,
  parseScopes,
  revokeToken,
  SCOPES,
  type TokenInfo,
} from "../services/tokens.js";
import { openDatabase } from "../storage/database.js";
import { parseCommand, UsageError } from "./options.js";

export const TOKEN_USAGE =
  "token create [--scopes ingest,read,admin] [--label TEXT] | token list | token revoke ID|LABEL [--db PATH]";

function when(ms: number | null): string {
  return ms === null ? "-" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The tokens as a table: never the token or its hash, which are not stored or not shown. */
function tokenTable(tokens: TokenInfo[]): string {
  const header = ["id", "label", "scopes", "created", "last used", "revoked"];
  const rows = tokens.map((t) => [
    String(t.id),
    t.label,
    t.scopes,
    when(t.createdAt),
    when(t.lastUsedAt),
    when(t.revokedAt),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function scopesOption(text: string | undefined) {
  try {
    return text === undefined ? SCOPES : parseScopes(text);
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
}

/** `token create|list|revoke`: API tokens with scopes, stored hashed; a new token is printed once. */
export async function tokenCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    label: { type: "string" },
    scopes: { type: "string" },
    db: { type: "string" },
  });
  const [action, target, ...extra] = positionals;
  if (extra.length > 0 || (action === "revoke") !== (target !== undefined))
    throw new UsageError(`usage: ${TOKEN_USAGE}`);
  if (action !== "create" && action !== "list" && action !== "revoke")
    throw new UsageError(`usage: ${TOKEN_USAGE}`);
  const scopes = scopesOption(values.scopes);
  const handle = openDatabase(values.db ?? config.dbPath);
  try {
    if (action === "create") {
      const created = createToken(handle.db, values.label ?? "cli", Date.now(), scopes);
      console.error(`token ${created.id} with scopes ${scopes.join(",")} (shown once, stored hashed):`);
      console.log(created.token);
    } else if (action === "list") {
      console.log(tokenTable(listTokens(handle.db)));
    } else if (target !== undefined) {
      const revoked = revokeToken(handle.db, target, Date.now());
      console.log(
        `revoked token ${revoked.id} (${revoked.label}); the service refuses it from its next request`,
      );
    }
    return 0;
  } finally {
    handle.close();
  }
}
