import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Scope, VerifiedToken } from "../services/tokens.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";

/** The cookie the pages' `?token=` sets; read only by GET and HEAD requests (see access.ts). */
export const TOKEN_COOKIE = "sla_token";

type Authentication =
  | { kind: "missing" }
  | { kind: "malformed" }
  | { kind: "refused" }
  | { kind: "ok"; token: VerifiedToken };

/** The token a request presents: the `Authorization: Bearer` header, else (for reads) the page cookie. */
function presentedToken(c: Context<AppEnv>, allowCookie: boolean): string | null | "malformed" {
  const header = c.req.header("authorization");
  if (header !== undefined) return header.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? "malformed";
  return allowCookie ? (getCookie(c, TOKEN_COOKIE) ?? null) : null;
}

/** Verifies the request's token against the configured and stored ones. */
export async function authenticate(c: Context<AppEnv>, allowCookie: boolean): Promise<Authentication> {
  // Already verified from the Authorization header earlier in this request (the rate limiter's key).
  if (c.var.token && c.req.header("authorization") !== undefined) return { kind: "ok", token: c.var.token };
  const token = presentedToken(c, allowCookie);
  if (token === null) return { kind: "missing" };
  if (token === "malformed") return { kind: "malformed" };
  const { tokens, clock } = c.var.deps;
  const verified = await tokens.verify(token, clock());
  if (!verified) return { kind: "refused" };
  // Kept on the context (not keyed by `c.req.raw`, which on Node builds a whole web Request) so
  // route-level checks need not verify again.
  c.set("token", verified);
  return { kind: "ok", token: verified };
}

/** 401 naming the `authorization` header, with the RFC 6750 challenge. */
export function unauthorized(c: Context<AppEnv>, kind: "missing" | "malformed" | "refused") {
  if (kind === "refused") {
    c.header("WWW-Authenticate", 'Bearer realm="sla-monitor", error="invalid_token"');
    return errorBody(c, 401, "authorization: unknown or revoked token");
  }
  c.header("WWW-Authenticate", 'Bearer realm="sla-monitor"');
  return errorBody(
    c,
    401,
    "authorization: send 'Authorization: Bearer <token>' (pages: open them once with ?token=<token>; see README: API tokens)",
  );
}

/** 403 naming the scope the route needs. */
export function forbidden(c: Context<AppEnv>, scope: Scope) {
  c.header("WWW-Authenticate", `Bearer realm="sla-monitor", error="insufficient_scope", scope="${scope}"`);
  return errorBody(
    c,
    403,
    `scope: ${c.req.method} ${c.req.path} needs a token with the "${scope}" scope (see README: API tokens)`,
  );
}

/**
 * Write routes keep this as a second line of defence: the access middleware (access.ts) checks scopes for
 * every route; should a route ever miss from its table, this still refuses callers without a valid token.
 */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.token) {
    const result = await authenticate(c, false);
    if (result.kind !== "ok") return unauthorized(c, result.kind);
  }
  await next();
});
