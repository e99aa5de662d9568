import { Hono } from "hono";
import type { AppEnv } from "../deps.js";

/** Webhook of the network, mounted at `/v1/webhooks/x`. */
export function xWebhookRoutes() {
  return new Hono<AppEnv>();
}
