import { z } from "zod";
import type { MessageEvent } from "../domain/event.js";
import {
  type MetaItemContext,
  type MetaItemResult,
  metaFrom,
  metaId,
  metaMessage,
  parseAt,
  toEpochMs,
} from "./meta-common.js";

const instagramComment = z.object({
  id: metaId,
  parent_id: metaId.optional(),
  text: z.string().nullish(),
  from: metaFrom.optional(),
});

const feedChange = z.object({ item: z.string().min(1), verb: z.string().min(1) });

const feedComment = z.object({
  comment_id: metaId,
  post_id: metaId.optional(),
  parent_id: metaId.optional(),
  created_time: z.number().optional(),
  message: z.string().nullish(),
  from: metaFrom.optional(),
});

/**
 * An Instagram `comments` change. A top-level comment starts its own thread: it answers the brand's media,
 * and threading by media would fold every customer's question on a busy post into one conversation with
 * one TTFR. A reply (`parent_id`, always a top-level comment on Instagram) joins its parent's thread. The
 * value carries no creation time, so `at` is the entry's `time` (seconds), when Meta sent the update.
 */
export function mapInstagramComment(value: unknown, ctx: MetaItemContext): MessageEvent {
  const comment = parseAt(instagramComment, value, `${ctx.path}.value`);
  const fromId = comment.from?.id;
  return metaMessage(ctx, {
    id: comment.id,
    at: toEpochMs(ctx.entryTime, "s", `${ctx.entryPath}.time`),
    outbound: fromId === ctx.account,
    author: comment.from?.username ?? fromId ?? "unknown",
    inReplyTo: comment.parent_id ?? null,
    conversation: null,
    text: comment.text ?? null,
  });
}

/**
 * A Facebook Page `feed` change. Only a new comment (`item: comment`, `verb: add`) is a message; edits,
 * removals, hides, reactions, posts and statuses are acknowledged as `feed.<item>.<verb>`. A comment whose
 * `parent_id` is the post is top-level (its own thread, as on Instagram); otherwise it replies to the
 * comment named by `parent_id`.
 */
export function mapFeedChange(value: unknown, ctx: MetaItemContext): MetaItemResult {
  const change = parseAt(feedChange, value, `${ctx.path}.value`);
  if (change.item !== "comment" || change.verb !== "add") {
    return { ignored: `feed.${change.item}.${change.verb}` };
  }
  const comment = parseAt(feedComment, value, `${ctx.path}.value`);
  const fromId = comment.from?.id;
  const topLevel = comment.parent_id === undefined || comment.parent_id === comment.post_id;
  const at =
    comment.created_time === undefined
      ? toEpochMs(ctx.entryTime, "s", `${ctx.entryPath}.time`)
      : toEpochMs(comment.created_time, "s", `${ctx.path}.value.created_time`);
  return {
    event: metaMessage(ctx, {
      id: comment.comment_id,
      at,
      outbound: fromId === ctx.account,
      author: comment.from?.name ?? fromId ?? "unknown",
      inReplyTo: topLevel ? null : (comment.parent_id ?? null),
      conversation: null,
      text: comment.message ?? null,
    }),
  };
}
