import { randomBytes } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { apiTokens } from "../../db/schema.js";
import type { NodeDb } from "../storage/database.js";
import { hashToken, SCOPES, type Scope } from "./token-verifier.js";

export {
  hashToken,
  SCOPES,
  type Scope,
  sameDigest,
  type TokenCheck,
  TokenVerifier,
  type VerifiedToken,
} from "./token-verifier.js";

/** Parses `ingest,read`; throws naming the unknown scope. */
export function parseScopes(text: string): Scope[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error(`scopes: expected some of ${SCOPES.join(", ")}`);
  for (const name of names)
    if (!(SCOPES as readonly string[]).includes(name))
      throw new Error(`scopes: unknown scope "${name}", expected some of ${SCOPES.join(", ")}`);
  return SCOPES.filter((scope) => names.includes(scope));
}

/** Creates a new API token, stores only its hash and returns the token itself (shown once). */
export function createToken(
  db: NodeDb,
  label: string,
  now: number,
  scopes: readonly Scope[] = SCOPES,
): { id: number; token: string } {
  const token = `sla_${randomBytes(24).toString("base64url")}`;
  const row = db
    .insert(apiTokens)
    .values({ hash: hashToken(token), label, scopes: scopes.join(","), createdAt: now })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}

/** How many tokens were ever created (revoked ones included), to decide on the first-start token. */
export function countTokens(db: NodeDb): number {
  return db.select({ n: count() }).from(apiTokens).get()?.n ?? 0;
}

/** A token as `token list` shows it: never the token or its hash. */
export interface TokenInfo {
  id: number;
  label: string;
  scopes: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Every token ever created, oldest first. */
export function listTokens(db: NodeDb): TokenInfo[] {
  const { id, label, scopes, createdAt, lastUsedAt, revokedAt } = apiTokens;
  return db
    .select({ id, label, scopes, createdAt, lastUsedAt, revokedAt })
    .from(apiTokens)
    .orderBy(asc(apiTokens.id))
    .all();
}

/**
 * Revokes the token with this id (all digits) or else this label. A label shared by several active tokens
 * is refused, so one command never revokes more than the operator meant. Returns the revoked token.
 */
export function revokeToken(db: NodeDb, idOrLabel: string, now: number): TokenInfo {
  const active = listTokens(db).filter((token) => token.revokedAt === null);
  const byId = /^\d+$/.test(idOrLabel) ? active.filter((t) => t.id === Number(idOrLabel)) : [];
  const matches = byId.length > 0 ? byId : active.filter((t) => t.label === idOrLabel);
  if (matches.length === 0) throw new Error(`no active token with id or label "${idOrLabel}"`);
  const [match, ...others] = matches;
  if (!match || others.length > 0)
    throw new Error(
      `label "${idOrLabel}" names ${matches.length} tokens (ids ${matches.map((t) => t.id).join(", ")}): revoke by id`,
    );
  db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, match.id)).run();
  return { ...match, revokedAt: now };
}
