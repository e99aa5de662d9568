import type { Context } from "hono";
import { z } from "zod";
import { describeIssues } from "../ingest/api-event.js";
import { storedAccountName } from "../services/account-names.js";
import type { AppEnv } from "./deps.js";
import { RequestError } from "./errors.js";

/** Years 0 to 9999: far inside what a Date holds (8.64e15 ms), so adding a window to it stays a valid Date. */
const MIN_INSTANT_MS = Date.parse("0000-01-01T00:00:00Z");
const MAX_INSTANT_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** ISO-8601: a date (UTC midnight), or a date and time with an optional offset (none means UTC). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** `Date.parse` reads a date and time without an offset as local time; here it means UTC. */
function utcUnlessOffset(value: string): string {
  return value.includes("T") && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? `${value}Z` : value;
}

/** An instant in a query string: ISO-8601 (a bare date means its UTC midnight) or epoch ms. */
export const instant = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value)
    ? Number(value)
    : ISO_8601.test(value)
      ? Date.parse(utcUnlessOffset(value))
      : Number.NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "expected an ISO-8601 time or epoch ms" });
    return z.NEVER;
  }
  // Far beyond these, a Date is invalid and formatting it (toISOString) throws: a 400, not a 500.
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    ctx.addIssue({ code: "custom", message: "out of range (years 0 to 9999)" });
    return z.NEVER;
  }
  return ms;
});

/** An IANA time zone such as Europe/Berlin. */
export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone such as Europe/Berlin");

/** Validates a request's query string; a problem is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new RequestError(400, describeIssues(parsed.error));
  return parsed.data;
}

/** An `account` filter as the conversations are stored under it (see `storedAccountName`). */
export async function accountFilter(
  c: Context<AppEnv>,
  account: string | undefined,
): Promise<{ account?: string }> {
  return account ? { account: await storedAccountName(c.var.deps.db, account) } : {};
}
