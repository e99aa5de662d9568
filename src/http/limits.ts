import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./deps.js";

/** Request logging, rate limits and timeouts (filled in by the limits work). */
export function requestLimits() {
  return createMiddleware<AppEnv>(async (_c, next) => {
    await next();
  });
}
