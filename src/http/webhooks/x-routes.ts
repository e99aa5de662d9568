import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { hmacSha256, matchesAnySecret, toBase64 } from "../../ingest/hmac.js";
import { mapXDelivery } from "../../ingest/x-webhook.js";
import { limitBodySize } from "../body-size.js";
import type { AppEnv } from "../deps.js";
import { errorBody } from "../errors.js";
import { notConfigured, parseJsonBody, rawBody, storeDelivery } from "./webhook-delivery.js";

const SIGNATURE_HEADER = "x-twitter-webhooks-signature";
const SECRET_VARIABLE = "X_CONSUMER_SECRET";

/** `sha256=` + base64 HMAC-SHA256: X's form for both the CRC answer and the delivery signature. */
async function sign(secret: string, data: Uint8Array | string): Promise<string> {
  return `sha256=${toBase64(await hmacSha256(secret, data))}`;
}

/** The service's body limit (`SLA_MAX_BODY_BYTES`), read from the configuration the router factory lacks. */
const limitFromConfig = createMiddleware<AppEnv>((c, next) =>
  limitBodySize(c.var.deps.config.maxBodyBytes)(c, next),
);

/**
 * Webhook of the X Account Activity API, mounted at `/v1/webhooks/x`: the challenge-response check
 * (`GET ?crc_token=`) and signed deliveries (`POST`), verified with the app's consumer secret.
 */
export function xWebhookRoutes() {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      // The CRC proves to X that we hold the secret; during a rotation X expects the current (first) one.
      const secret = c.var.deps.config.webhooks.xConsumerSecrets[0];
      if (secret === undefined) return notConfigured(c, SECRET_VARIABLE);
      const token = c.req.query("crc_token");
      if (!token) return errorBody(c, 400, "crc_token: missing query parameter");
      return c.json({ response_token: await sign(secret, token) });
    })
    .post("/", limitFromConfig, async (c) => {
      const secrets = c.var.deps.config.webhooks.xConsumerSecrets;
      if (secrets.length === 0) return notConfigured(c, SECRET_VARIABLE);
      const bytes = await rawBody(c);
      const signature = c.req.header(SIGNATURE_HEADER);
      if (!signature) return errorBody(c, 401, `${SIGNATURE_HEADER}: missing header`);
      if (!(await matchesAnySecret(secrets, signature.trim(), (secret) => sign(secret, bytes)))) {
        return errorBody(c, 401, `${SIGNATURE_HEADER}: does not match the body under the consumer secret`);
      }
      const body = parseJsonBody(c, bytes);
      if (!body.ok) return body.response;
      const delivery = mapXDelivery(body.value);
      if (!delivery.ok) return errorBody(c, 400, delivery.reason);
      return storeDelivery(c, delivery.events, delivery.ignored);
    });
}
