import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";

/**
 * Refuses bodies over `maxBytes` with a 413. A declared Content-Length is checked directly; only bodies of
 * unknown length (chunked) go through Hono's streaming limit, which is much slower on Node because it
 * builds a full web Request.
 */
export function limitBodySize(maxBytes: number) {
  const message = `body: larger than the limit of ${maxBytes} bytes; split it into batches`;
  const streaming = bodyLimit({ maxSize: maxBytes, onError: (c) => errorBody(c, 413, message) });
  return createMiddleware<AppEnv>(async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streaming(c, next);
    if (Number(length) > maxBytes) return errorBody(c, 413, message);
    await next();
  });
}
