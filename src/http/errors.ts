import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A request the client must fix; answered with its status and a message naming the problem. */
export class RequestError extends HTTPException {
  constructor(status: ContentfulStatusCode, message: string) {
    super(status, { message });
  }
}

export function errorBody(c: Context, status: ContentfulStatusCode, message: string) {
  return c.json({ error: message }, status);
}
