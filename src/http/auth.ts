import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";

/** Write endpoints need `Authorization: Bearer <token>`. */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = header.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) {
    c.header("WWW-Authenticate", 'Bearer realm="sla-monitor"');
    return errorBody(c, 401, "authorization: send 'Authorization: Bearer <token>' (see README: API tokens)");
  }
  if (!(await c.var.deps.tokens.verify(match[1]))) {
    c.header("WWW-Authenticate", 'Bearer realm="sla-monitor", error="invalid_token"');
    return errorBody(c, 401, "authorization: unknown token");
  }
  await next();
});
