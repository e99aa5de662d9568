import { randomUUID } from "node:crypto";
import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import { formatDuration } from "../domain/duration.js";
import { redactUrl } from "../services/log-redaction.js";
import { limitBodySize } from "./body-size.js";
import { clientKey } from "./client-key.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";
import { RateLimiter } from "./rate-limiter.js";

/** Probes must answer even when a client on the same address is over its limit. */
const UNLIMITED_PATHS = new Set(["/healthz", "/readyz"]);
/** A caller's request id is kept (to follow a request across services) when it is this harmless. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Methods without a body; every other request passes the body limit here, whatever its route. */
const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The outermost layer of every request: a request id (`X-Request-Id`), one structured log line, the rate
 * limit (`SLA_RATE_LIMIT`, 429 with `Retry-After`), the body limit (`SLA_MAX_BODY_BYTES`, 413) for every
 * route with a body, and the request timeout (`SLA_REQUEST_TIMEOUT`, 503).
 */
export function requestLimits() {
  // One limiter per app, built from the configuration on the first request (the factory has no config).
  let limiter: RateLimiter | null | undefined;
  let bodyLimit: ReturnType<typeof limitBodySize> | undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const id = requestId(c.req.header("x-request-id"));
    // Set before the response exists: a header added to a finished response makes Hono copy it.
    c.header("X-Request-Id", id);
    try {
      const { rate } = c.var.deps.config.limits;
      limiter ??= rate ? new RateLimiter(rate) : null;
      const refused = limiter && !UNLIMITED_PATHS.has(c.req.path) ? await rateLimited(c, limiter) : null;
      bodyLimit ??= limitBodySize(c.var.deps.config.maxBodyBytes);
      const limitBody = bodyLimit;
      if (refused) c.res = refused;
      else if (BODYLESS.has(c.req.method)) await withTimeout(c, next);
      else
        await withTimeout(c, async () => {
          // Called by hand, not by the router: a refusal it returns must become the response here (when
          // it lets the request through, it returns what `next` returns: the context, not a response).
          const refusal: unknown = await limitBody(c, next);
          if (refusal instanceof Response) c.res = refusal;
        });
    } finally {
      if (!c.res.headers.has("X-Request-Id")) c.header("X-Request-Id", id);
      logRequest(c, id, performance.now() - started);
    }
  });
}

function requestId(given: string | undefined): string {
  return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
}

/** A 429 when the caller's bucket is empty; null when the request may go on. */
async function rateLimited(c: Context<AppEnv>, limiter: RateLimiter): Promise<Response | null> {
  const key = await clientKey(c);
  const decision = limiter.take(key.id, c.var.deps.clock());
  if (decision.allowed) return null;
  const rate = c.var.deps.config.limits.rate;
  c.header("Retry-After", String(decision.retryAfterSeconds));
  return errorBody(
    c,
    429,
    `rate limit: more than ${rate?.perSecond} requests per second (burst ${rate?.burst}) for this ${key.kind} ` +
      `(SLA_RATE_LIMIT); retry after ${decision.retryAfterSeconds} s`,
  );
}

/**
 * Answers 503 when the rest of the request takes longer than the timeout. The handler is not stopped (it
 * cannot be, mid-await), but nothing it does is half done: every write is one SQLite transaction run
 * synchronously inside the batching writer, so it commits whole or not at all, and a retry of a request
 * that timed out is idempotent (events are keyed by source and id).
 */
async function withTimeout(c: Context<AppEnv>, next: Next): Promise<void> {
  const ms = c.var.deps.config.limits.requestTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  try {
    const late = await Promise.race([next().then(() => false), timedOut]);
    if (!late) return;
    c.header("Retry-After", "1");
    c.res = errorBody(
      c,
      503,
      `request: not answered within ${formatDuration(ms)} (SLA_REQUEST_TIMEOUT); ` +
        "retrying is safe, events already stored count as duplicates",
    );
  } finally {
    clearTimeout(timer);
  }
}

/** One line per request: no query secrets, no headers, no body; the error of a 5xx. */
function logRequest(c: Context<AppEnv>, id: string, durationMs: number): void {
  const status = c.res.status;
  const logger = c.var.deps.logger;
  // Most requests log at info: when that is off (e.g. SLA_LOG_LEVEL=warn), build no record at all.
  if (status < 500 && !logger.isLevelEnabled("info")) return;
  const url = new URL(c.req.url);
  const record = {
    req_id: id,
    method: c.req.method,
    url: redactUrl(url.pathname + url.search),
    status,
    duration_ms: Math.round(durationMs * 10) / 10,
    ...(status >= 500 && c.error ? { err: c.error } : {}),
  };
  // A thrown error is the service's fault; a deliberate 5xx (a timeout, an unconfigured webhook) is a warning.
  if (status >= 500 && c.error) logger.error(record, "request failed");
  else if (status >= 500) logger.warn(record, "request");
  else logger.info(record, "request");
}
