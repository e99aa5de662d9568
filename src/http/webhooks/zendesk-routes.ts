import { Hono } from "hono";
import type { AppEnv } from "../deps.js";

/** Webhook of the network, mounted at `/v1/webhooks/zendesk`. */
export function zendeskWebhookRoutes() {
  return new Hono<AppEnv>();
}
