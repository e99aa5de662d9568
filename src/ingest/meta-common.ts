import { z } from "zod";
import type { MessageEvent } from "../domain/event.js";

/** A delivery that verified but cannot be mapped; its message names the JSON path (answered with a 400). */
export class MetaPayloadError extends Error {}

/** A Graph object id: Meta sends numeric strings; safe integers are accepted too. */
export const metaId = z
  .union([z.string().trim().min(1, "must not be empty").max(256), z.number().int().nonnegative()])
  .transform(String);

/** Who wrote a comment; Meta leaves `from` out when the app may not see the person. */
export const metaFrom = z.object({
  id: metaId.optional(),
  username: z.string().optional(),
  name: z.string().optional(),
});

/** Where one mapped item sits: its network, the brand account (`entry[].id`) and its JSON path. */
export interface MetaItemContext {
  source: "instagram" | "facebook";
  account: string;
  /** `entry[].time` as sent: seconds in `changes` entries, milliseconds in `messaging` entries. */
  entryTime: number | undefined;
  entryPath: string;
  path: string;
}

/** One item of a delivery: a message, or the kind of update acknowledged but not stored. */
export type MetaItemResult = { event: MessageEvent } | { ignored: string };

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
const MAX_TEXT = 100_000;

/** Parses `value` with `schema`, or throws naming the first problem's path under `path`. */
export function parseAt<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [path, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  throw new MetaPayloadError(`${where}: ${issue?.message ?? "invalid"}`);
}

/**
 * Epoch milliseconds from a Meta time in an explicit unit (Graph `created_time` and `changes` entries use
 * seconds, the Messenger Platform milliseconds). A value outside 2000–2099 means the unit is wrong, so it
 * is refused rather than stored decades off.
 */
export function toEpochMs(value: number | undefined, unit: "s" | "ms", path: string): number {
  if (value === undefined || !Number.isFinite(value)) {
    throw new MetaPayloadError(`${path}: required, epoch ${unit === "s" ? "seconds" : "milliseconds"}`);
  }
  const ms = Math.round(unit === "s" ? value * 1000 : value);
  if (ms < MIN_TIME || ms >= MAX_TIME) {
    throw new MetaPayloadError(
      `${path}: ${value} is not a time in epoch ${unit === "s" ? "seconds" : "milliseconds"} (2000 to 2099)`,
    );
  }
  return ms;
}

/** The text as stored: at most the event model's limit. */
export function storedText(text: string | null | undefined): string | null {
  return text ? text.slice(0, MAX_TEXT) : null;
}

/** A message of the brand account's thread; outbound when written by the account itself. */
export function metaMessage(
  ctx: MetaItemContext,
  fields: {
    id: string;
    at: number;
    outbound: boolean;
    author: string;
    inReplyTo: string | null;
    conversation: string | null;
    text: string | null;
  },
): MessageEvent {
  return {
    type: "message",
    source: ctx.source,
    id: fields.id,
    direction: fields.outbound ? "outbound" : "inbound",
    author: fields.author,
    at: fields.at,
    account: ctx.account,
    inReplyTo: fields.inReplyTo,
    links: [],
    conversation: fields.conversation,
    text: storedText(fields.text),
    automated: false,
  };
}
