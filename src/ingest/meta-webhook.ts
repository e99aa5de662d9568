import { z } from "zod";
import type { MessageEvent } from "../domain/event.js";
import { mapFeedChange, mapInstagramComment } from "./meta-comments.js";
import {
  type MetaItemContext,
  type MetaItemResult,
  MetaPayloadError,
  metaId,
  parseAt,
} from "./meta-common.js";
import { mapMessagingItem } from "./meta-messaging.js";

/** What a verified Meta delivery maps to: messages to store and the update kinds acknowledged but not stored. */
export type MetaMapping =
  | { ok: true; events: MessageEvent[]; ignored: Record<string, number> }
  | { ok: false; error: string };

const envelope = z.object({ object: z.string().min(1), entry: z.array(z.unknown()) });

const entrySchema = z.object({
  id: metaId,
  time: z.number().optional(),
  changes: z.array(z.unknown()).optional(),
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
});

/** The `entry[].id` of the sample updates sent from the App Dashboard; no real account has it. */
const TEST_ACCOUNT = "0";

const change = z.object({ field: z.string().min(1), value: z.unknown() });

/** The networks whose updates become messages: `object` of the delivery → `source` of the events. */
const SOURCES: Record<string, MetaItemContext["source"]> = { instagram: "instagram", page: "facebook" };

/**
 * Maps a verified webhook delivery (`{object, entry: [...]}`) of Instagram or a Facebook Page to message
 * events. Everything or nothing: a malformed item fails the whole delivery with its JSON path, so a body
 * Meta sends again is never half stored. Updates of other objects, fields and kinds are counted as ignored.
 */
export function mapMetaDelivery(body: unknown): MetaMapping {
  const events: MessageEvent[] = [];
  const ignored: Record<string, number> = {};
  try {
    // Meta's examples sometimes show the delivery wrapped in an array; real deliveries are one object.
    const deliveries = Array.isArray(body) ? body : [body];
    deliveries.forEach((delivery, i) => {
      const prefix = Array.isArray(body) ? `[${i}].` : "";
      for (const result of mapOne(delivery, prefix)) {
        if ("event" in result) events.push(result.event);
        else ignored[result.ignored] = (ignored[result.ignored] ?? 0) + 1;
      }
    });
  } catch (error) {
    if (error instanceof MetaPayloadError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, events, ignored };
}

function mapOne(delivery: unknown, prefix: string): MetaItemResult[] {
  const { object, entry } = parseAt(envelope, delivery, prefix ? prefix.slice(0, -1) : "body");
  const source = SOURCES[object];
  if (!source) return entry.map(() => ({ ignored: `object.${object.slice(0, 64)}` }));
  return entry.flatMap((raw, i) => {
    const entryPath = `${prefix}entry[${i}]`;
    const parsed = parseAt(entrySchema, raw, entryPath);
    // The dashboard's "Test" button sends sample updates for account "0": acknowledged, never measured.
    if (parsed.id === TEST_ACCOUNT) return [{ ignored: "dashboard_test" }];
    const base = { source, account: parsed.id, entryTime: parsed.time, entryPath };
    return [
      ...(parsed.changes ?? []).map((item, j) =>
        mapChange(item, object, { ...base, path: `${entryPath}.changes[${j}]` }),
      ),
      ...messagingItems(parsed.messaging, "messaging", base),
      ...messagingItems(parsed.standby, "standby", base),
    ];
  });
}

/** Standby items are messages of a thread another app controls (handover protocol): still to be answered. */
function messagingItems(
  items: unknown[] | undefined,
  key: "messaging" | "standby",
  base: Omit<MetaItemContext, "path">,
): MetaItemResult[] {
  return (items ?? []).map((item, k) =>
    mapMessagingItem(item, { ...base, path: `${base.entryPath}.${key}[${k}]` }),
  );
}

function mapChange(raw: unknown, object: string, ctx: MetaItemContext): MetaItemResult {
  const { field, value } = parseAt(change, raw, ctx.path);
  if (object === "instagram" && field === "comments") return { event: mapInstagramComment(value, ctx) };
  if (object === "page" && field === "feed") return mapFeedChange(value, ctx);
  // live_comments, mentions, story_insights, messages (the dashboard's test format)...
  return { ignored: field.slice(0, 64) };
}
