/**
 * Maps an X (Twitter) Account Activity API delivery to normalized message events: tweets that mention,
 * reply to or come from the subscribed account (`tweet_create_events`) and its direct messages
 * (`direct_message_events`). Other event kinds are acknowledged and counted, never stored.
 */
import { z } from "zod";
import type { MessageEvent } from "../domain/event.js";
import { parseTwitterDate } from "./twcs.js";

/** The events of a delivery and the kinds left out (by kind, with their count); or why it is malformed. */
export type XDeliveryResult =
  | { ok: true; events: MessageEvent[]; ignored: Record<string, number> }
  | { ok: false; reason: string };

const mention = z.object({ id_str: z.string(), screen_name: z.string() });
const entities = z.object({ user_mentions: z.array(mention).nullish() }).nullish();

const tweetSchema = z.object({
  // `id_str` only: the numeric `id` is above 2^53 and loses digits in JSON.parse.
  id_str: z.string().regex(/^\d+$/, "expected the tweet id as a string of digits"),
  user: z.object({ id_str: z.string().min(1), screen_name: z.string().nullish() }),
  text: z.string().nullish(),
  full_text: z.string().nullish(),
  truncated: z.boolean().nullish(),
  extended_tweet: z.object({ full_text: z.string(), entities }).nullish(),
  entities,
  in_reply_to_status_id_str: z.string().nullish(),
  in_reply_to_user_id_str: z.string().nullish(),
  in_reply_to_screen_name: z.string().nullish(),
  quoted_status: z.object({ user: z.object({ id_str: z.string(), screen_name: z.string() }) }).nullish(),
  retweeted_status: z.unknown().optional(),
  created_at: z.string().nullish(),
  timestamp_ms: z.string().nullish(),
});

const directMessageSchema = z.object({
  id: z.string().min(1),
  created_timestamp: z.string().regex(/^\d+$/, "expected epoch milliseconds as a string"),
  message_create: z.object({
    sender_id: z.string().min(1),
    target: z.object({ recipient_id: z.string().min(1) }),
    message_data: z.object({ text: z.string().nullish() }).nullish(),
  }),
});

const envelopeSchema = z.object({
  for_user_id: z.string().min(1).optional(),
  user_has_blocked: z.boolean().nullish(),
  tweet_create_events: z.array(z.unknown()).optional(),
  direct_message_events: z.array(z.unknown()).optional(),
  // Only read for screen names: a users map in an unexpected shape costs the names, not the delivery.
  users: z
    .record(z.string(), z.object({ screen_name: z.string().nullish() }))
    .nullish()
    .catch(null),
});

type Tweet = z.infer<typeof tweetSchema>;
type Envelope = z.infer<typeof envelopeSchema>;

/** Maps a verified, parsed delivery; a malformed event fails the whole delivery so nothing partial is stored. */
export function mapXDelivery(body: unknown): XDeliveryResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, reason: "body: expected a JSON object" };
  }
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describeAt("", parsed.error) };
  const envelope = parsed.data;
  const ignored = countOtherKinds(body as Record<string, unknown>);
  const tweets = envelope.tweet_create_events ?? [];
  const messages = envelope.direct_message_events ?? [];
  if (tweets.length + messages.length === 0) return { ok: true, events: [], ignored };
  const brandId = envelope.for_user_id;
  if (brandId === undefined) return { ok: false, reason: "for_user_id: missing (the subscribed account)" };
  const events: MessageEvent[] = [];
  for (const [index, raw] of tweets.entries()) {
    const result = mapTweet(raw, `tweet_create_events.${index}`, brandId, envelope, ignored);
    if (typeof result === "string") return { ok: false, reason: result };
    if (result) events.push(result);
  }
  for (const [index, raw] of messages.entries()) {
    const result = mapDirectMessage(raw, `direct_message_events.${index}`, brandId, envelope, ignored);
    if (typeof result === "string") return { ok: false, reason: result };
    if (result) events.push(result);
  }
  return { ok: true, events, ignored };
}

/** Counts the event kinds not mapped (`favorite_events`, `follow_events`, `user_event`, ...). */
function countOtherKinds(body: Record<string, unknown>): Record<string, number> {
  const ignored: Record<string, number> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "tweet_create_events" || key === "direct_message_events") continue;
    if (!key.endsWith("_events") && key !== "user_event") continue;
    ignored[key] = Array.isArray(value) ? value.length : 1;
  }
  return ignored;
}

/** Counts one skipped event under `kind`; returns null, the "skipped" result of the mappers. */
function skip(ignored: Record<string, number>, kind: string): null {
  ignored[kind] = (ignored[kind] ?? 0) + 1;
  return null;
}

/** `path.field: problem` for each zod issue, so a 400 names the event and field to look at. */
function describeAt(path: string, error: z.ZodError): string {
  return error.issues
    .map(
      (issue) =>
        `${[path, ...issue.path.map(String)].filter((part) => part !== "").join(".") || "body"}: ${issue.message}`,
    )
    .join("; ");
}

/** One tweet as a message; null when skipped (counted in `ignored`); a string naming the problem. */
function mapTweet(
  raw: unknown,
  path: string,
  brandId: string,
  envelope: Envelope,
  ignored: Record<string, number>,
): MessageEvent | null | string {
  const parsed = tweetSchema.safeParse(raw);
  if (!parsed.success) return describeAt(path, parsed.error);
  const tweet = parsed.data;
  // A retweet (by the brand or of the brand) repeats a message: no customer is asking anything.
  if (tweet.retweeted_status != null) return skip(ignored, "retweet");
  const outbound = tweet.user.id_str === brandId;
  // X flags mentions and replies from authors the brand has blocked: nobody is expected to answer them.
  if (!outbound && envelope.user_has_blocked === true) return skip(ignored, "blocked_author");
  const at = tweetTime(tweet);
  if (at === null) return `${path}.created_at: expected "Thu Nov 15 23:31:30 +0000 2018" or timestamp_ms`;
  return {
    type: "message",
    source: "x",
    id: tweet.id_str,
    direction: outbound ? "outbound" : "inbound",
    author: tweet.user.screen_name || tweet.user.id_str,
    at,
    account: outbound ? tweet.user.screen_name || brandId : brandHandle(tweet, brandId),
    inReplyTo: tweet.in_reply_to_status_id_str || null,
    links: [],
    conversation: null,
    text: (tweet.truncated ? tweet.extended_tweet?.full_text : null) ?? tweet.full_text ?? tweet.text ?? null,
    automated: false,
  };
}

/** `timestamp_ms` (millisecond precision) when present, else `created_at` (seconds). */
function tweetTime(tweet: Tweet): number | null {
  const ms = tweet.timestamp_ms && /^\d+$/.test(tweet.timestamp_ms) ? Number(tweet.timestamp_ms) : null;
  if (ms !== null && ms > 0) return ms;
  return tweet.created_at ? parseTwitterDate(tweet.created_at) : null;
}

/**
 * The brand's screen name as a customer tweet shows it (the replied-to user, a mention, the quoted
 * author); the numeric id when the tweet does not name it, so the conversation still names its brand.
 */
function brandHandle(tweet: Tweet, brandId: string): string {
  if (tweet.in_reply_to_user_id_str === brandId && tweet.in_reply_to_screen_name) {
    return tweet.in_reply_to_screen_name;
  }
  const mentions = [
    ...(tweet.extended_tweet?.entities?.user_mentions ?? []),
    ...(tweet.entities?.user_mentions ?? []),
  ];
  const mentioned = mentions.find((m) => m.id_str === brandId)?.screen_name;
  if (mentioned) return mentioned;
  if (tweet.quoted_status?.user.id_str === brandId) return tweet.quoted_status.user.screen_name;
  return brandId;
}

/** One direct message; a thread per customer (`dm:<brand id>:<customer id>`), since DMs carry no reply links. */
function mapDirectMessage(
  raw: unknown,
  path: string,
  brandId: string,
  envelope: Envelope,
  ignored: Record<string, number>,
): MessageEvent | null | string {
  if (typeof raw !== "object" || raw === null) return `${path}: expected an object`;
  const type = "type" in raw ? raw.type : undefined;
  if (type !== "message_create") return skip(ignored, `direct_message_events.${String(type)}`);
  const parsed = directMessageSchema.safeParse(raw);
  if (!parsed.success) return describeAt(path, parsed.error);
  const dm = parsed.data;
  const sender = dm.message_create.sender_id;
  const outbound = sender === brandId;
  const customer = outbound ? dm.message_create.target.recipient_id : sender;
  const screenName = (id: string) => envelope.users?.[id]?.screen_name || id;
  return {
    type: "message",
    source: "x",
    id: dm.id,
    direction: outbound ? "outbound" : "inbound",
    author: screenName(sender),
    at: Number(dm.created_timestamp),
    account: screenName(brandId),
    inReplyTo: null,
    links: [],
    conversation: `dm:${brandId}:${customer}`,
    text: dm.message_create.message_data?.text ?? null,
    // Nothing in a DM marks it as automated: `source_app_id` names the app used (Twitter Web App, a
    // helpdesk or a bot alike), so a bot cannot be told from an agent without configuration.
    automated: false,
  };
}
