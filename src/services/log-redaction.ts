/**
 * What the structured log must never hold: API tokens, webhook secrets and signatures, passwords, and (by
 * default) the text of customers' messages. Pure functions, applied to every record by `logger.ts`.
 */

/** What a removed value is replaced with. */
export const REDACTED = "[redacted]";

/** Keys whose values are secrets, whatever they hold (headers, query parameters, config fields). */
const SECRET_KEY = /authorization|cookie|token|secret|password|passwd|signature|smtp_?url|api_?key/i;
/** Keys whose values are message text: redacted unless `SLA_LOG_MESSAGES=true`. */
const MESSAGE_KEY = /^(text|full_text|excerpt|body|message_text|comment)$/i;
/** Query parameters that carry secrets: ours and the networks' (X's CRC, Meta's subscription check). */
const SECRET_PARAM =
  /^(token|access_token|crc_token|hub\.verify_token|signature|secret|password|api_key|key)$/i;
/** What every secret `scrubText` looks for contains: a bearer scheme, a service token, a URL, a query. */
const MAY_HOLD_SECRET = /bearer|sla_|:\/\/|[?&]/i;
/** Objects deeper than this are cut: log records are shallow, and a cycle must not hang the logger. */
const MAX_DEPTH = 6;

/** A request's path and query for the log: sensitive query values replaced, the rest kept for debugging. */
export function redactUrl(pathAndQuery: string): string {
  const mark = pathAndQuery.indexOf("?");
  if (mark < 0) return pathAndQuery;
  const path = pathAndQuery.slice(0, mark);
  const parts = pathAndQuery
    .slice(mark + 1)
    .split("&")
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      const rawName = eq < 0 ? part : part.slice(0, eq);
      return SECRET_PARAM.test(safeDecode(rawName)) ? `${rawName}=${REDACTED}` : part;
    });
  return parts.length === 0 ? path : `${path}?${parts.join("&")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * Secrets inside free text (log messages, error messages and stacks): bearer tokens, the service's own
 * `sla_` tokens, passwords in URLs (`smtp://user:pass@host`) and secret query parameters.
 */
export function scrubText(text: string): string {
  // Most strings (paths, ids, statuses) hold none of the markers: one test instead of four replaces.
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text
    .replace(/(bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`)
    .replace(/\bsla_[A-Za-z0-9_-]{8,}/g, `sla_${REDACTED}`)
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, `$1${REDACTED}@`)
    .replace(
      /([?&](?:token|access_token|crc_token|hub\.verify_token|signature|secret|password|api_key|key)=)[^&\s#"']*/gi,
      `$1${REDACTED}`,
    );
}

/** Options of {@link redactRecord}. */
export interface RedactOptions {
  /** Keep message text (`SLA_LOG_MESSAGES=true`); secrets are removed either way. */
  messages: boolean;
}

/**
 * A copy of a log record without secrets: values under secret keys and (unless allowed) message text
 * replaced, every other string scrubbed, errors turned into plain objects first so their message and
 * stack are scrubbed too.
 */
export function redactRecord(
  record: Record<string, unknown>,
  options: RedactOptions,
): Record<string, unknown> {
  return redactObject(record, options, 0);
}

function redactValue(value: unknown, options: RedactOptions, depth: number): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) return redactObject(errorFields(value), options, depth + 1);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, options, depth + 1));
  if (value instanceof Headers) return redactObject(Object.fromEntries(value), options, depth + 1);
  return redactObject(value as Record<string, unknown>, options, depth + 1);
}

function redactObject(
  object: Record<string, unknown>,
  options: RedactOptions,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (SECRET_KEY.test(key) && !isCount(value)) out[key] = REDACTED;
    else if (!options.messages && MESSAGE_KEY.test(key) && value !== null) out[key] = REDACTED;
    else out[key] = redactValue(value, options, depth);
  }
  return out;
}

/** Counts and flags under a secret-sounding key (`tokens: 3`) say nothing secret. */
function isCount(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean";
}

/** An error as a plain object: type, message, stack, cause and own fields (e.g. SQLite's `code`). */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const [key, value] of Object.entries(error)) fields[key] ??= value;
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}
