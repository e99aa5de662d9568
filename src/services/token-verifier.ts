import { createHash, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { apiTokens } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

/** What a token may do: send events, read (API, pages, metrics), administer (acknowledge alerts). */
export const SCOPES = ["ingest", "read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * SHA-256 of the token. A slow password hash is not needed: tokens are 192 random bits, so the hash
 * cannot be reversed by guessing, and a fast hash keeps each request cheap.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Compares two hex digests in constant time, so the time taken says nothing about where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  // Digest lengths are public (always 32 bytes); only their contents must not leak.
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A token that was accepted: its id (`null` for `SLA_API_TOKEN`) and what it may do. */
export interface VerifiedToken {
  id: number | null;
  scopes: readonly Scope[];
}

/** Checks a bearer token: its id and scopes, or null when it is unknown or revoked. */
export interface TokenCheck {
  verify(token: string, now?: number): Promise<VerifiedToken | null>;
}

/** `last_used_at` is written at most this often per token, so busy clients do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

function scopesOf(text: string): Scope[] {
  const names = text.split(",");
  return SCOPES.filter((scope) => names.includes(scope));
}

/**
 * Checks bearer tokens against the configured token and the stored hashes, in constant time. Nothing is
 * cached: each request costs one SHA-256 and one indexed lookup (a few microseconds), and in exchange a
 * revoked token is refused on the very next request, also when another process (the CLI) revoked it.
 */
export class TokenVerifier implements TokenCheck {
  private readonly configured: string | null;
  private readonly lookup;
  private readonly touch;

  constructor(db: Db, configuredToken: string | null) {
    this.configured = configuredToken ? hashToken(configuredToken) : null;
    const { id, hash, scopes, lastUsedAt, revokedAt } = apiTokens;
    this.lookup = db
      .select({ id, hash, scopes, lastUsedAt, revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.hash, sql.placeholder("hash")))
      .prepare();
    this.touch = db
      .update(apiTokens)
      .set({ lastUsedAt: sql`${sql.placeholder("now")}` })
      .where(eq(apiTokens.id, sql.placeholder("id")))
      .prepare();
  }

  /** The token's id and scopes, or `null` when it is unknown or revoked. */
  async verify(token: string, now = Date.now()): Promise<VerifiedToken | null> {
    const hash = hashToken(token);
    if (this.configured !== null && sameDigest(this.configured, hash)) return { id: null, scopes: SCOPES };
    // The lookup is by the digest of what the client sent, so its timing can only tell the client about
    // its own guess, never about a stored token; the digest is then compared in constant time anyway.
    const row = await this.lookup.get({ hash });
    if (!row || row.revokedAt !== null || !sameDigest(row.hash, hash)) return null;
    if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS)
      await this.touch.run({ id: row.id, now });
    return { id: row.id, scopes: scopesOf(row.scopes) };
  }
}
