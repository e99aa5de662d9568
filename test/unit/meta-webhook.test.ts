import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MessageEvent } from "../../src/domain/event.js";
import { mapMetaDelivery } from "../../src/ingest/meta-webhook.js";

const IG = "17841400000000001";
const PAGE = "100000000000001";
const POST = `${PAGE}_200000000000001`;

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/webhooks/meta/${name}.json`, import.meta.url), "utf8"));

function mapped(body: unknown) {
  const result = mapMetaDelivery(body);
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.error}`);
  return result;
}

function failure(body: unknown): string {
  const result = mapMetaDelivery(body);
  if (result.ok) throw new Error("expected the delivery to be refused");
  return result.error;
}

const message = (fields: Partial<MessageEvent>): MessageEvent => ({
  type: "message",
  source: "instagram",
  id: "",
  direction: "inbound",
  author: "",
  at: 0,
  account: IG,
  inReplyTo: null,
  links: [],
  conversation: null,
  text: null,
  automated: false,
  ...fields,
});

const igEntry = (entry: object) => ({ object: "instagram", entry: [{ id: IG, time: 1772442000, ...entry }] });
const feed = (value: object) => ({
  object: "page",
  entry: [{ id: PAGE, time: 1772442005, changes: [{ field: "feed", value }] }],
});

describe("Instagram comments", () => {
  it("maps a customer's top-level comment to an inbound message at the entry's time in seconds", () => {
    expect(mapped(fixture("ig-comment"))).toEqual({
      ok: true,
      events: [
        message({
          id: "17900000000000001",
          author: "jane.doe",
          at: Date.parse("2026-03-02T09:00:00Z"),
          text: "@acme my order never arrived",
        }),
      ],
      ignored: {},
    });
  });

  it("maps the account's own reply as outbound, linked to its parent comment", () => {
    expect(mapped(fixture("ig-comment-reply")).events).toEqual([
      message({
        id: "17900000000000002",
        direction: "outbound",
        author: "acme",
        at: Date.parse("2026-03-02T09:12:00Z"),
        inReplyTo: "17900000000000001",
        text: "@jane.doe sorry! Please DM us your order number.",
      }),
    ]);
  });

  it("keeps two customers' comments on the same post apart (no link to the media)", () => {
    const events = mapped(fixture("ig-comments-same-post")).events;
    expect(events.map((e) => [e.id, e.inReplyTo, e.links, e.conversation])).toEqual([
      ["17900000000000003", null, [], null],
      ["17900000000000004", null, [], null],
    ]);
  });

  it("accepts a comment without from or text (Meta omits them when it may not share them)", () => {
    const body = igEntry({ changes: [{ field: "comments", value: { id: "1790", media: { id: "1" } } }] });
    expect(mapped(body).events).toEqual([message({ id: "1790", author: "unknown", at: 1772442000_000 })]);
  });
});

describe("Facebook Page feed", () => {
  it("maps a top-level comment (parent_id is the post) at created_time, not the entry's time", () => {
    expect(mapped(fixture("fb-feed-comment")).events).toEqual([
      message({
        source: "facebook",
        id: "200000000000001_300000000000001",
        author: "John Smith",
        at: Date.parse("2026-03-02T09:00:00Z"),
        account: PAGE,
        text: "Is the shop open on Sunday?",
      }),
    ]);
  });

  it("maps the page's reply to a comment as outbound with inReplyTo the parent comment", () => {
    expect(mapped(fixture("fb-feed-reply")).events).toEqual([
      message({
        source: "facebook",
        id: "200000000000001_300000000000002",
        direction: "outbound",
        author: "Acme",
        at: Date.parse("2026-03-02T09:30:00Z"),
        account: PAGE,
        inReplyTo: "200000000000001_300000000000001",
        text: "Yes, 10:00 to 16:00!",
      }),
    ]);
  });

  it("acknowledges edits, removals, reactions and posts without a message", () => {
    expect(mapped(fixture("fb-feed-ignored"))).toEqual({
      ok: true,
      events: [],
      ignored: {
        "feed.comment.edited": 1,
        "feed.comment.remove": 1,
        "feed.reaction.add": 1,
        "feed.status.add": 1,
      },
    });
  });

  it("falls back to the entry's time and an unknown author when created_time and from are absent", () => {
    const body = feed({ item: "comment", verb: "add", comment_id: "2_3", post_id: POST, parent_id: POST });
    expect(mapped(body).events).toEqual([
      message({ source: "facebook", id: "2_3", author: "unknown", at: 1772442005_000, account: PAGE }),
    ]);
  });
});

describe("Messenger and Instagram Direct", () => {
  const dm = (item: object, key = "messaging") =>
    igEntry({ time: 1772442001100, [key]: [{ sender: { id: "9001" }, recipient: { id: IG }, ...item }] });

  it("maps a customer DM and the business's echo to one explicit thread, timestamps in ms", () => {
    const inbound = mapped(fixture("ig-dm-in")).events;
    const echo = mapped(fixture("ig-dm-echo")).events;
    expect([...inbound, ...echo]).toEqual([
      message({
        id: "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjAwMQZDZD",
        author: "9000000000000001",
        at: 1772442000250,
        conversation: `dm:${IG}:9000000000000001`,
        text: "hi, where is my parcel?",
      }),
      message({
        id: "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjAwMgZDZD",
        direction: "outbound",
        author: IG,
        at: 1772443200750,
        conversation: `dm:${IG}:9000000000000001`,
        text: "It ships tomorrow, sorry for the wait!",
      }),
    ]);
  });

  it("names attachments in the text, maps standby items, ignores unsent messages", () => {
    const photo = dm({ timestamp: 1772442000000, message: { mid: "m1", attachments: [{ type: "image" }] } });
    expect(mapped(photo).events[0]?.text).toBe("[image]");
    const standby = dm({ timestamp: 1772442000000, message: { mid: "m2", text: "hello" } }, "standby");
    expect(mapped(standby).events.map((e) => e.conversation)).toEqual([`dm:${IG}:9001`]);
    const unsent = dm({ timestamp: 1772442000000, message: { mid: "m1", is_deleted: true } });
    expect(mapped(unsent)).toEqual({ ok: true, events: [], ignored: { "messaging.message.deleted": 1 } });
  });

  it("uses the entry's time in ms when an item has no timestamp", () => {
    expect(mapped(dm({ message: { mid: "m3", text: "x" } })).events[0]?.at).toBe(1772442001100);
  });
});

describe("what is acknowledged but not stored", () => {
  it("counts other fields and messaging kinds", () => {
    expect(mapped(fixture("other-updates"))).toEqual({
      ok: true,
      events: [],
      ignored: { live_comments: 1, mentions: 1, "messaging.read": 1, "messaging.reaction": 1 },
    });
  });

  it("counts entries of other objects and the dashboard's test updates (account 0)", () => {
    expect(mapped(fixture("whatsapp")).ignored).toEqual({ "object.whatsapp_business_account": 1 });
    expect(mapped(fixture("dashboard-test"))).toEqual({
      ok: true,
      events: [],
      ignored: { dashboard_test: 1 },
    });
  });

  it("accepts the array-wrapped form of Meta's documentation examples", () => {
    expect(mapped([fixture("ig-comment"), fixture("fb-feed-comment")]).events.map((e) => e.source)).toEqual([
      "instagram",
      "facebook",
    ]);
  });
});

describe("malformed deliveries name the problem", () => {
  it("refuses a body that is not a delivery", () => {
    expect(failure({ field: "comments", value: {} })).toMatch(/^body\.object: /);
    expect(failure({ object: "instagram", entry: {} })).toMatch(/^body\.entry: /);
    expect(failure(igEntry({ id: "" }))).toMatch(/^entry\[0\]\.id: /);
  });

  it("names the path of an item without its id", () => {
    const body = igEntry({ changes: [{ field: "comments", value: { text: "hi" } }] });
    expect(failure(body)).toMatch(/^entry\[0\]\.changes\[0\]\.value\.id: /);
    expect(failure(feed({ item: "comment", verb: "add", created_time: 1772442000 }))).toMatch(
      /^entry\[0\]\.changes\[0\]\.value\.comment_id: /,
    );
  });

  it("refuses times in the wrong unit instead of storing them decades off", () => {
    const msAsSeconds = igEntry({
      time: 1772442000000,
      changes: [{ field: "comments", value: { id: "1" } }],
    });
    expect(failure(msAsSeconds)).toBe(
      "entry[0].time: 1772442000000 is not a time in epoch seconds (2000 to 2099)",
    );
    const secondsAsMs = igEntry({
      messaging: [
        { sender: { id: "1" }, recipient: { id: IG }, timestamp: 1772442000, message: { mid: "m" } },
      ],
    });
    expect(failure(secondsAsMs)).toMatch(/^entry\[0\]\.messaging\[0\]\.timestamp: .*milliseconds/);
  });

  it("stores nothing of a delivery with one bad item", () => {
    const body = igEntry({
      changes: [
        { field: "comments", value: { id: "1", text: "fine" } },
        { field: "comments", value: { id: 1.5 } },
      ],
    });
    expect(mapMetaDelivery(body)).toEqual({
      ok: false,
      error: expect.stringMatching(/changes\[1\]\.value\.id/),
    });
  });
});
