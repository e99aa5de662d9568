import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { constantTimeEqual, hmacSha256, matchesAnySecret, toHex } from "../../ingest/hmac.js";
import { mapMetaDelivery } from "../../ingest/meta-webhook.js";
import { limitBodySize } from "../body-size.js";
import type { AppEnv } from "../deps.js";
import { errorBody } from "../errors.js";
import { notConfigured, parseJsonBody, rawBody, storeDelivery } from "./webhook-delivery.js";

const SIGNATURE_HEADER = "X-Hub-Signature-256";
const HANDSHAKE_PARAMS = ["hub.mode", "hub.verify_token", "hub.challenge"] as const;

/** The service's body limit (`SLA_MAX_BODY_BYTES`), read per request because the router has no config. */
const bodyLimit = createMiddleware<AppEnv>((c, next) =>
  limitBodySize(c.var.deps.config.maxBodyBytes)(c, next),
);

/**
 * Webhook of Instagram and Facebook Pages, mounted at `/v1/webhooks/meta`: `GET` answers Meta's
 * subscription handshake, `POST` verifies `X-Hub-Signature-256` over the raw body and stores the comments
 * and direct messages it carries.
 */
export function metaWebhookRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get("/", verifySubscription);
  routes.post("/", bodyLimit, receiveDelivery);
  return routes;
}

/** Meta's handshake: echo `hub.challenge` as plain text when the verify token is one of ours. */
function verifySubscription(c: Context<AppEnv>) {
  const tokens = c.var.deps.config.webhooks.metaVerifyTokens;
  if (tokens.length === 0) return notConfigured(c, "META_VERIFY_TOKEN");
  const values = HANDSHAKE_PARAMS.map((name) => c.req.query(name) ?? "");
  const missing = HANDSHAKE_PARAMS.filter((_, i) => !values[i]);
  if (missing.length > 0) {
    return errorBody(
      c,
      400,
      `${missing.join(", ")}: required query parameter${missing.length > 1 ? "s" : ""}`,
    );
  }
  const [mode, token = "", challenge = ""] = values;
  if (mode !== "subscribe") return errorBody(c, 403, "hub.mode: expected subscribe");
  // Every token is compared, so the time does not tell which one (or how much of one) matched.
  let matched = false;
  for (const expected of tokens) if (constantTimeEqual(expected, token)) matched = true;
  if (!matched) return errorBody(c, 403, "hub.verify_token: does not match the configured META_VERIFY_TOKEN");
  return c.text(challenge, 200);
}

async function receiveDelivery(c: Context<AppEnv>) {
  const secrets = c.var.deps.config.webhooks.metaAppSecrets;
  if (secrets.length === 0) return notConfigured(c, "META_APP_SECRET");
  const signature = c.req.header(SIGNATURE_HEADER);
  if (!signature) {
    return errorBody(c, 401, `${SIGNATURE_HEADER}: missing; Meta signs every delivery with the app secret`);
  }
  const bytes = await rawBody(c);
  const valid = await matchesAnySecret(
    secrets,
    signature.trim().toLowerCase(),
    async (secret) => `sha256=${toHex(await hmacSha256(secret, bytes))}`,
  );
  if (!valid) {
    return errorBody(c, 401, `${SIGNATURE_HEADER}: does not match the body signed with the app secret`);
  }
  const parsed = parseJsonBody(c, bytes);
  if (!parsed.ok) return parsed.response;
  const mapped = mapMetaDelivery(parsed.value);
  if (!mapped.ok) return errorBody(c, 400, mapped.error);
  return storeDelivery(c, mapped.events, mapped.ignored);
}
