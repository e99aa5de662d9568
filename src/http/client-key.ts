import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { hashToken } from "../services/tokens.js";
import type { AppEnv } from "./deps.js";

/** Whose bucket a request takes from: a valid API token's, or else its client address's. */
export interface ClientKey {
  /** `token:<sha256 of the token>` or `ip:<address>`: never the token itself. */
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
  if (token && (await isValid(c, token))) return { id: `token:${hashToken(token)}`, kind: "token" };
  return { id: `ip:${clientAddress(c)}`, kind: "client address" };
}

async function isValid(c: Context<AppEnv>, token: string): Promise<boolean> {
  try {
    const verified = await c.var.deps.tokens.verify(token, c.var.deps.clock());
    // Access control reads it from here instead of verifying the same header again.
    if (verified) c.set("token", verified);
    return verified !== null;
  } catch {
    // The route's own check answers for a failing token store; here the address is key enough.
    return false;
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
