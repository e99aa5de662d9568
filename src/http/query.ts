import type { Context } from "hono";
import { z } from "zod";
import { describeIssues } from "../ingest/api-event.js";
import { RequestError } from "./errors.js";

/** An instant in a query string: ISO-8601 (a bare date means its UTC midnight) or epoch ms. */
export const instant = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "expected an ISO-8601 time or epoch ms" });
    return z.NEVER;
  }
  return ms;
});

/** Validates a request's query string; a problem is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new RequestError(400, describeIssues(parsed.error));
  return parsed.data;
}
