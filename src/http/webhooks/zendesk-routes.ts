import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { formatDuration } from "../../domain/duration.js";
import { matchesAnySecret } from "../../ingest/hmac.js";
import { mapZendeskDelivery, zendeskSignature } from "../../ingest/zendesk-webhook.js";
import { limitBodySize } from "../body-size.js";
import type { AppEnv } from "../deps.js";
import { errorBody } from "../errors.js";
import { notConfigured, parseJsonBody, rawBody, storeDelivery } from "./webhook-delivery.js";

const SIGNATURE = "X-Zendesk-Webhook-Signature";
const TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";
/** Zendesk deliveries are one small event each; the body is read before it is verified, so keep it bounded. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

// The router factory has no config: the limit is read per request (the lower of the service's and 1 MiB).
const bodyLimit = createMiddleware<AppEnv>((c, next) =>
  limitBodySize(Math.min(c.var.deps.config.maxBodyBytes, MAX_WEBHOOK_BYTES))(c, next),
);

/** Epoch ms of the signature timestamp (ISO-8601 as Zendesk sends it, or epoch seconds); null if neither. */
function timestampMs(value: string): number | null {
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** A 401 when the timestamp is unreadable or too far from the service clock (a replayed delivery). */
function staleTimestamp(c: Context<AppEnv>, timestamp: string): Response | null {
  const { clock, config } = c.var.deps;
  const signedAt = timestampMs(timestamp);
  if (signedAt === null) return errorBody(c, 401, `${TIMESTAMP}: not a time (expected ISO-8601)`);
  const skew = signedAt - clock();
  if (Math.abs(skew) <= config.webhooks.zendeskToleranceMs) return null;
  const tolerance = formatDuration(config.webhooks.zendeskToleranceMs);
  const side = skew < 0 ? "behind" : "ahead of";
  return errorBody(
    c,
    401,
    `${TIMESTAMP}: ${formatDuration(Math.abs(skew))} ${side} the service clock, beyond the tolerance of ${tolerance} (ZENDESK_TOLERANCE); a replayed or delayed delivery is refused`,
  );
}

/**
 * Webhook of Zendesk, mounted at `/v1/webhooks/zendesk`: verifies the signature over the raw body under
 * any configured secret and the timestamp against the clock, then stores what the delivery maps to.
 */
export function zendeskWebhookRoutes() {
  const app = new Hono<AppEnv>();
  app.post("/", bodyLimit, async (c) => {
    const secrets = c.var.deps.config.webhooks.zendeskSecrets;
    if (secrets.length === 0) return notConfigured(c, "ZENDESK_WEBHOOK_SECRET");
    const signature = c.req.header(SIGNATURE);
    const timestamp = c.req.header(TIMESTAMP);
    if (!signature || !timestamp) {
      const missing = [signature ? null : SIGNATURE, timestamp ? null : TIMESTAMP].filter(Boolean);
      return errorBody(c, 401, `${missing.join(", ")}: missing; deliveries must be signed by Zendesk`);
    }
    const body = await rawBody(c);
    const expected = (secret: string) => zendeskSignature(secret, timestamp, body);
    if (!(await matchesAnySecret(secrets, signature, expected))) {
      return errorBody(c, 401, `${SIGNATURE}: does not match the body under any configured signing secret`);
    }
    const stale = staleTimestamp(c, timestamp);
    if (stale) return stale;
    const parsed = parseJsonBody(c, body);
    if (!parsed.ok) return parsed.response;
    const mapped = mapZendeskDelivery(parsed.value);
    if (!mapped.ok) return errorBody(c, 400, mapped.error);
    return storeDelivery(c, mapped.events, mapped.ignored);
  });
  return app;
}
