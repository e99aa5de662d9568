import { Hono } from "hono";
import type { AppEnv } from "../deps.js";

/** Webhook of the network, mounted at `/v1/webhooks/meta`. */
export function metaWebhookRoutes() {
  return new Hono<AppEnv>();
}
