import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { apiTokens } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a new API token, stores only its hash and returns the token itself (shown once). */
export async function createToken(db: Db, label: string, now: number): Promise<string> {
  const token = `sla_${randomBytes(24).toString("base64url")}`;
  await db.insert(apiTokens).values({ hash: hashToken(token), label, createdAt: now });
  return token;
}

export async function countTokens(db: Db): Promise<number> {
  return (await db.select({ hash: apiTokens.hash }).from(apiTokens)).length;
}

const CACHE_MS = 30_000;
const CACHE_SIZE = 1000;

/**
 * Checks bearer tokens against the configured token (constant time) and the stored hashes. A token found
 * valid is remembered for 30 s, so busy clients do not cost a hash and a query per request.
 */
export class TokenVerifier {
  private readonly configured: Buffer | null;
  private readonly valid = new Map<string, number>();

  constructor(
    private readonly db: Db,
    configuredToken: string | null,
  ) {
    this.configured = configuredToken ? Buffer.from(hashToken(configuredToken), "hex") : null;
  }

  async verify(token: string, now = Date.now()): Promise<boolean> {
    const until = this.valid.get(token);
    if (until !== undefined && until > now) return true;
    const hash = hashToken(token);
    let ok = this.configured !== null && timingSafeEqual(this.configured, Buffer.from(hash, "hex"));
    if (!ok) {
      const rows = await this.db
        .select({ hash: apiTokens.hash })
        .from(apiTokens)
        .where(eq(apiTokens.hash, hash));
      ok = rows.length > 0;
    }
    if (ok) {
      if (this.valid.size >= CACHE_SIZE) this.valid.clear();
      this.valid.set(token, now + CACHE_MS);
    }
    return ok;
  }
}
