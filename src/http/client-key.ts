import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { VerifiedToken } from "../services/token-verifier.js";
import type { AppEnv } from "./deps.js";

/** Whose bucket a request takes from: a valid API token's, or else its client address's. */
export interface ClientKey {
  /** `token:<stored token id>` (`token:configured` for `SLA_API_TOKEN`) or `ip:<address>`: never the token itself. */
  id: string;
  kind: "token" | "client address";
}

/**
 * The rate-limit key of a request. A valid bearer token is its own key (one busy integration does not
 * slow the others behind the same proxy); anything else, including an unknown token, counts against its
 * address, so inventing tokens gives no fresh buckets.
 */
export async function clientKey(c: Context<AppEnv>): Promise<ClientKey> {
  const token = (c.req.header("authorization") ?? "").match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const verified = token ? await verifiedToken(c, token) : null;
  if (verified) return { id: `token:${verified.id ?? "configured"}`, kind: "token" };
  return { id: `ip:${clientAddress(c)}`, kind: "client address" };
}

async function verifiedToken(c: Context<AppEnv>, token: string): Promise<VerifiedToken | null> {
  try {
    const verified = await c.var.deps.tokens.verify(token, c.var.deps.clock());
    // Access control reads it from here instead of verifying the same header again.
    if (verified) c.set("token", verified);
    return verified;
  } catch {
    // The route's own check answers for a failing token store; here the address is key enough.
    return null;
  }
}

/**
 * The client's address: the socket's peer, or behind a reverse proxy (`SLA_TRUST_PROXY=true`) the last
 * `X-Forwarded-For` entry, the one the proxy itself appended (earlier entries are the client's to forge).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.config.limits.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not served by @hono/node-server (in-process requests in tests): one shared bucket.
    return "unknown";
  }
}
