import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./deps.js";

/** Who may call what: token scopes per route (filled in by the access-control work). */
export function accessControl() {
  return createMiddleware<AppEnv>(async (_c, next) => {
    await next();
  });
}
