import { z } from "zod";
import {
  type MetaItemContext,
  type MetaItemResult,
  MetaPayloadError,
  metaId,
  metaMessage,
  parseAt,
  toEpochMs,
} from "./meta-common.js";

const participant = z.object({ id: metaId });

const directMessage = z.object({
  sender: participant,
  recipient: participant,
  timestamp: z.number().optional(),
  message: z.object({
    mid: metaId,
    text: z.string().nullish(),
    is_echo: z.boolean().optional(),
    is_deleted: z.boolean().optional(),
    attachments: z.array(z.object({ type: z.string().optional() })).optional(),
  }),
});

/** Keys every messaging item has; the first other key names its kind (`read`, `delivery`, `reaction`...). */
const COMMON_KEYS = new Set(["sender", "recipient", "timestamp"]);

function kindOf(item: Record<string, unknown>): string {
  return Object.keys(item).find((key) => !COMMON_KEYS.has(key)) ?? "unknown";
}

/**
 * One `entry[].messaging[]` (or `standby[]`) item of Messenger or Instagram Direct. Only `message` items
 * are messages; `is_echo` marks the business's own message (outbound). Every message between the account
 * and one customer shares the thread `dm:<account>:<customer>`, so a DM thread is one conversation until
 * the inactivity window splits it. `timestamp` is in milliseconds (as is this entry's `time`).
 */
export function mapMessagingItem(item: unknown, ctx: MetaItemContext): MetaItemResult {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new MetaPayloadError(`${ctx.path}: expected an object`);
  }
  const record = item as Record<string, unknown>;
  if (!("message" in record)) return { ignored: `messaging.${kindOf(record)}` };
  const dm = parseAt(directMessage, item, ctx.path);
  // An unsent (deleted) message is not a question any more; its earlier delivery stays as it was.
  if (dm.message.is_deleted === true) return { ignored: "messaging.message.deleted" };
  const outbound = dm.message.is_echo === true || dm.sender.id === ctx.account;
  const customer = outbound ? dm.recipient.id : dm.sender.id;
  const at =
    dm.timestamp === undefined
      ? toEpochMs(ctx.entryTime, "ms", `${ctx.entryPath}.time`)
      : toEpochMs(dm.timestamp, "ms", `${ctx.path}.timestamp`);
  return {
    event: metaMessage(ctx, {
      id: dm.message.mid,
      at,
      outbound,
      author: outbound ? ctx.account : dm.sender.id,
      inReplyTo: null,
      conversation: `dm:${ctx.account}:${customer}`,
      text: dm.message.text ?? attachmentText(dm.message.attachments),
    }),
  };
}

/** A photo or voice note is still a question to answer: the excerpt names what was sent. */
function attachmentText(attachments: { type?: string | undefined }[] | undefined): string | null {
  if (!attachments || attachments.length === 0) return null;
  return attachments.map((attachment) => `[${attachment.type ?? "attachment"}]`).join(" ");
}
