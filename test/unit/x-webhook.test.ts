import { describe, expect, it } from "vitest";
import type { MessageEvent } from "../../src/domain/event.js";
import { mapXDelivery } from "../../src/ingest/x-webhook.js";

const BRAND = "9000000001";
const CUSTOMER = "5000000001";
const AT = Date.parse("2026-03-02T09:00:00Z");

function tweet(overrides: Record<string, unknown> = {}) {
  return {
    created_at: "Mon Mar 02 09:00:00 +0000 2026",
    id_str: "1900000000000000001",
    text: "@AcmeHelp hello",
    truncated: false,
    in_reply_to_status_id_str: null,
    user: { id_str: CUSTOMER, screen_name: "jane_doe" },
    entities: { user_mentions: [{ id_str: BRAND, screen_name: "AcmeHelp" }] },
    timestamp_ms: String(AT),
    ...overrides,
  };
}

function directMessage(sender: string, recipient: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "message_create",
    id: "1900000000000000300",
    created_timestamp: String(AT),
    message_create: { target: { recipient_id: recipient }, sender_id: sender, message_data: { text: "hi" } },
    ...overrides,
  };
}

function events(body: unknown): MessageEvent[] {
  const result = mapXDelivery(body);
  if (!result.ok) throw new Error(result.reason);
  return result.events;
}

const one = (body: unknown) => events(body)[0];
const tweets = (...items: unknown[]) => ({ for_user_id: BRAND, tweet_create_events: items });
const dms = (items: unknown[], users?: unknown) => ({
  for_user_id: BRAND,
  direct_message_events: items,
  users,
});

describe("mapXDelivery: tweets", () => {
  it("maps a customer's mention to an inbound message of source x", () => {
    expect(one(tweets(tweet()))).toEqual({
      type: "message",
      source: "x",
      id: "1900000000000000001",
      direction: "inbound",
      author: "jane_doe",
      at: AT,
      account: "AcmeHelp",
      inReplyTo: null,
      links: [],
      conversation: null,
      text: "@AcmeHelp hello",
      automated: false,
    });
  });

  it("uses id_str, never the numeric id, which JSON.parse rounds", () => {
    const body = JSON.parse(
      `{"for_user_id":"${BRAND}","tweet_create_events":[${JSON.stringify(tweet()).replace("{", '{"id":1900000000000000001,')}]}`,
    );
    expect(one(body)?.id).toBe("1900000000000000001");
  });

  it("maps the brand's reply as outbound with its reply link and its own screen name as account", () => {
    const reply = tweet({
      id_str: "1900000000000000099",
      user: { id_str: BRAND, screen_name: "AcmeHelp" },
      in_reply_to_status_id_str: "1900000000000000001",
      in_reply_to_user_id_str: CUSTOMER,
      in_reply_to_screen_name: "jane_doe",
    });
    expect(one(tweets(reply))).toMatchObject({
      direction: "outbound",
      author: "AcmeHelp",
      account: "AcmeHelp",
      inReplyTo: "1900000000000000001",
    });
  });

  it("keeps the brand's own original tweet as outbound (a harmless prelude to any replies)", () => {
    const original = tweet({ user: { id_str: BRAND, screen_name: "AcmeHelp" }, entities: {} });
    expect(one(tweets(original))).toMatchObject({ direction: "outbound", inReplyTo: null });
  });

  it("takes the full text of a truncated tweet, else full_text, else text", () => {
    const full = "@AcmeHelp a long complaint that goes on and on";
    const truncated = tweet({
      truncated: true,
      text: "@AcmeHelp a long…",
      extended_tweet: { full_text: full },
    });
    expect(one(tweets(truncated))?.text).toBe(full);
    expect(one(tweets(tweet({ full_text: "from full_text" })))?.text).toBe("from full_text");
    expect(one(tweets(tweet({ text: undefined })))?.text).toBeNull();
  });

  it("reads timestamp_ms, else created_at", () => {
    expect(one(tweets(tweet({ timestamp_ms: String(AT + 123) })))?.at).toBe(AT + 123);
    const noMs = tweet({ timestamp_ms: undefined, created_at: "Mon Mar 02 10:15:30 +0100 2026" });
    expect(one(tweets(noMs))?.at).toBe(Date.parse("2026-03-02T09:15:30Z"));
  });

  it("finds the brand's screen name from the reply target, extended mentions, a quote, else uses the id", () => {
    const base = { entities: { user_mentions: [] } };
    const replyTo = tweet({ ...base, in_reply_to_user_id_str: BRAND, in_reply_to_screen_name: "AcmeReply" });
    const extended = tweet({
      ...base,
      truncated: true,
      extended_tweet: {
        full_text: "x",
        entities: { user_mentions: [{ id_str: BRAND, screen_name: "AcmeExt" }] },
      },
    });
    const quote = tweet({ ...base, quoted_status: { user: { id_str: BRAND, screen_name: "AcmeQuoted" } } });
    const other = tweet({ entities: { user_mentions: [{ id_str: "42", screen_name: "someone" }] } });
    expect([replyTo, extended, quote, other].map((t) => one(tweets(t))?.account)).toEqual([
      "AcmeReply",
      "AcmeExt",
      "AcmeQuoted",
      BRAND,
    ]);
  });

  it("falls back to the user id as author when there is no screen name", () => {
    expect(one(tweets(tweet({ user: { id_str: CUSTOMER } })))?.author).toBe(CUSTOMER);
  });

  it("skips retweets and tweets from authors the brand blocked, counting them", () => {
    const retweet = tweet({ id_str: "7", retweeted_status: tweet() });
    expect(mapXDelivery(tweets(retweet, tweet()))).toMatchObject({ ok: true, ignored: { retweet: 1 } });
    expect(events(tweets(retweet, tweet()))).toHaveLength(1);
    const blocked = { ...tweets(tweet()), user_has_blocked: true };
    expect(mapXDelivery(blocked)).toEqual({ ok: true, events: [], ignored: { blocked_author: 1 } });
  });
});

describe("mapXDelivery: direct messages", () => {
  const users = { [CUSTOMER]: { screen_name: "jane_doe" }, [BRAND]: { screen_name: "AcmeHelp" } };

  it("maps a customer's DM as inbound in a per-customer thread", () => {
    expect(one(dms([directMessage(CUSTOMER, BRAND)], users))).toEqual({
      type: "message",
      source: "x",
      id: "1900000000000000300",
      direction: "inbound",
      author: "jane_doe",
      at: AT,
      account: "AcmeHelp",
      inReplyTo: null,
      links: [],
      conversation: `dm:${BRAND}:${CUSTOMER}`,
      text: "hi",
      automated: false,
    });
  });

  it("maps the brand's DM as outbound in the same thread, not automated even when sent by an app", () => {
    const sent = directMessage(BRAND, CUSTOMER, { id: "1900000000000000301" });
    sent.message_create = { ...sent.message_create, source_app_id: "268278" } as typeof sent.message_create;
    expect(one(dms([sent], users))).toMatchObject({
      direction: "outbound",
      author: "AcmeHelp",
      conversation: `dm:${BRAND}:${CUSTOMER}`,
      automated: false,
    });
  });

  it("uses ids when the users map is absent or malformed", () => {
    expect(one(dms([directMessage(CUSTOMER, BRAND)]))).toMatchObject({ author: CUSTOMER, account: BRAND });
    expect(one(dms([directMessage(CUSTOMER, BRAND)], "nope"))).toMatchObject({ author: CUSTOMER });
  });

  it("counts direct message events of another type", () => {
    const other = { type: "message_delete", id: "1" };
    expect(mapXDelivery(dms([other]))).toEqual({
      ok: true,
      events: [],
      ignored: { "direct_message_events.message_delete": 1 },
    });
  });
});

describe("mapXDelivery: the delivery", () => {
  it("counts other event kinds by kind", () => {
    const body = {
      for_user_id: BRAND,
      favorite_events: [{}, {}],
      tweet_delete_events: [{}],
      user_event: { revoke: {} },
      apps: {},
    };
    expect(mapXDelivery(body)).toEqual({
      ok: true,
      events: [],
      ignored: { favorite_events: 2, tweet_delete_events: 1, user_event: 1 },
    });
  });

  it("names what is malformed, storing nothing of the delivery", () => {
    const reason = (body: unknown) => {
      const result = mapXDelivery(body);
      return result.ok ? null : result.reason;
    };
    expect(reason([])).toBe("body: expected a JSON object");
    expect(reason({ tweet_create_events: [tweet()] })).toMatch(/^for_user_id: missing/);
    expect(reason({ for_user_id: BRAND, tweet_create_events: {} })).toMatch(/^tweet_create_events: /);
    expect(reason(tweets(tweet(), tweet({ id_str: 12 })))).toMatch(/^tweet_create_events\.1\.id_str: /);
    expect(reason(tweets(tweet({ timestamp_ms: null, created_at: "yesterday" })))).toMatch(
      /^tweet_create_events\.0\.created_at: /,
    );
    expect(reason(dms([directMessage(CUSTOMER, BRAND, { created_timestamp: "soon" })]))).toMatch(
      /^direct_message_events\.0\.created_timestamp: /,
    );
    expect(reason(dms(["text"]))).toBe("direct_message_events.0: expected an object");
  });
});
