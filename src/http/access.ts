import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Scope } from "../services/tokens.js";
import { authenticate, forbidden, TOKEN_COOKIE, unauthorized } from "./auth.js";
import type { AppEnv } from "./deps.js";

/** What a request needs: nothing, or a token with this scope. */
export type Access = "open" | Scope;

/**
 * Open without a token: probes; the static page assets and the API description (no data in them, and
 * the docs help before one holds a token); webhooks, which the networks authenticate by their signatures.
 */
const OPEN_PATHS = new Set(["/healthz", "/readyz", "/openapi.json", "/docs", "/docs/try"]);
const OPEN_PREFIXES = ["/v1/webhooks/", "/assets/"];
const ACK_PATH = /^\/v1\/alerts\/[^/]+\/ack$/;

function isRead(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

function isOpenPath(path: string): boolean {
  return OPEN_PATHS.has(path) || OPEN_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * The access rule of a request. Acknowledging an alert stops its escalation, so it needs `admin`: neither
 * an integration's `ingest` token nor a wall display's `read` token may silence alerts. Any other write
 * needs `admin` and any other read `read`, so a route added later is closed until it is listed here.
 */
export function requiredAccess(method: string, path: string, publicRead: boolean): Access {
  if (isOpenPath(path)) return "open";
  if (isRead(method)) return publicRead ? "open" : "read";
  // A what-if is posted only because its body carries a calendar; it changes nothing, so it is a read.
  if (method === "POST" && path === "/v1/what-if") return publicRead ? "open" : "read";
  if (method === "POST" && (path === "/v1/events" || path.startsWith("/v1/events/"))) return "ingest";
  if (method === "POST" && ACK_PATH.test(path)) return "admin";
  return "admin";
}

/** How long the page cookie lasts; the token behind it is checked on every request, so revoking still works. */
const COOKIE_MAX_AGE_S = 30 * 86_400;

/**
 * `GET /any-page?token=...`: checks the token (it needs `read`), keeps it in an HttpOnly, SameSite=Strict
 * cookie and redirects to the same address without it, so it leaves the address bar and history.
 */
async function tokenFromQuery(c: Context<AppEnv>, token: string) {
  const url = new URL(c.req.url);
  url.searchParams.delete("token");
  const verified = await c.var.deps.tokens.verify(token, c.var.deps.clock());
  if (!verified) return unauthorized(c, "refused");
  if (!verified.scopes.includes("read")) return forbidden(c, "read");
  const https = url.protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
  setCookie(c, TOKEN_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: https,
    path: "/",
    maxAge: COOKIE_MAX_AGE_S,
  });
  c.header("cache-control", "no-store");
  c.header("referrer-policy", "no-referrer");
  return c.redirect(`${url.pathname}${url.search}`, 303);
}

/**
 * Who may call what: every request is checked against `requiredAccess` before its route runs. A missing,
 * unknown or revoked token is a 401, a token without the scope a 403. The page cookie counts for reads
 * only, so a write always needs the `Authorization` header and no other site can make a browser write.
 */
export function accessControl() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { method, path } = c.req;
    if (isOpenPath(path)) return next();
    const queryToken = isRead(method) ? c.req.query("token") : undefined;
    if (queryToken) return tokenFromQuery(c, queryToken);
    const access = requiredAccess(method, path, c.var.deps.config.publicRead);
    if (access === "open") return next();
    const result = await authenticate(c, isRead(method));
    if (result.kind !== "ok") return unauthorized(c, result.kind);
    if (!result.token.scopes.includes(access)) return forbidden(c, access);
    return next();
  });
}
