import { Hono } from "hono";
import type { AppEnv } from "./deps.js";

/** Endpoints for tools: OpenAPI document and docs, Prometheus metrics, health and readiness. */
export function toolsRoutes() {
  return new Hono<AppEnv>();
}
