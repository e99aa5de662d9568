/**
 * The generated support traffic as events for `POST /v1/events` or `sla import` (NDJSON, one per line):
 * the same messages, ids, authors, times and reply links a twcs CSV of the same seed holds, so importing
 * either file gives the same conversations.
 */
import type { MessageEvent } from "../src/domain/event.js";
import { type GeneratedTweet, type SupportThreadsOptions, supportThreads } from "./support-threads.js";

/** One event as posted, in the API's field names. */
export interface ApiEventJson {
  id: string;
  source: string;
  direction: "inbound" | "outbound";
  author: string;
  account?: string;
  at: string;
  text: string;
  in_reply_to?: string;
  links?: string[];
}

/** The source twcs rows are imported as. */
export const TWCS_SOURCE = "x";

/**
 * A tweet as an API event: a brand's tweet names its account, a reply its parent, a tweet with answers
 * lists them (like the dataset's `response_tweet_id`). Times keep whole seconds, as in the CSV.
 */
export function apiEventOf(tweet: GeneratedTweet): ApiEventJson {
  const event: ApiEventJson = {
    id: String(tweet.id),
    source: TWCS_SOURCE,
    direction: tweet.inbound ? "inbound" : "outbound",
    author: tweet.author,
    at: new Date(wholeSeconds(tweet.at)).toISOString(),
    text: tweet.text,
  };
  if (!tweet.inbound) event.account = tweet.author;
  if (tweet.parent) event.in_reply_to = String(tweet.parent.id);
  if (tweet.replies.length > 0) event.links = tweet.replies.map((reply) => String(reply.id));
  return event;
}

/** Twitter's `created_at` has no milliseconds. */
export function wholeSeconds(at: number): number {
  return Math.floor(at / 1000) * 1000;
}

/** `rows` events in the order a twcs file of the same options holds its rows. */
export function* ndjsonEvents(
  options: SupportThreadsOptions & { rows: number },
): Generator<ApiEventJson, void, undefined> {
  for (const thread of supportThreads(options)) for (const tweet of thread.tweets) yield apiEventOf(tweet);
}

/**
 * The event the service stores for a tweet (what the twcs importer or `POST /v1/events` make of it), for
 * writing generated traffic straight into a ThreadStore. `links` can be narrowed to the replies kept.
 */
export function messageEventOf(
  tweet: GeneratedTweet,
  keepReply: (reply: GeneratedTweet) => boolean = () => true,
): MessageEvent {
  return {
    type: "message",
    source: TWCS_SOURCE,
    id: String(tweet.id),
    direction: tweet.inbound ? "inbound" : "outbound",
    author: tweet.author,
    at: wholeSeconds(tweet.at),
    account: tweet.inbound ? null : tweet.author,
    inReplyTo: tweet.parent ? String(tweet.parent.id) : null,
    links: tweet.replies.filter(keepReply).map((reply) => String(reply.id)),
    conversation: null,
    text: tweet.text,
    automated: false,
  };
}
