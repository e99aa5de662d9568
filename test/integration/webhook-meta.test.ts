import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createTestService } from "../support/test-service.js";

const SECRET = "meta-app-secret-current";
const OLD_SECRET = "meta-app-secret-previous";
const VERIFY_TOKEN = "meta-verify-token-0123";
const HEADER = "X-Hub-Signature-256";
const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const ENV = { META_APP_SECRET: SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN };

type Service = ReturnType<typeof createTestService>;
const open: Service[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

function service(env: Record<string, string> = ENV): Service {
  const created = createTestService(env, NOW);
  open.push(created);
  return created;
}

/** A fixture's exact bytes: the signature covers them, not a re-serialisation. */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/webhooks/meta/${name}.json`, import.meta.url));

/** Computed here with node:crypto, independently of the service's Web Crypto helpers. */
const sign = (secret: string, body: Uint8Array | string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function deliver(s: Service, body: Uint8Array | string, headers: Record<string, string> = {}) {
  return s.app.request("/v1/webhooks/meta", {
    method: "POST",
    headers: { "content-type": "application/json", [HEADER]: sign(SECRET, body), ...headers },
    body,
  });
}

async function deliverOk(s: Service, name: string) {
  const response = await deliver(s, fixture(name));
  expect(response.status).toBe(200);
  return (await response.json()) as { stored: number; duplicates: number; ignored: Record<string, number> };
}

const messages = (s: Service) =>
  s.handle.sqlite
    .prepare(
      "SELECT source, id, direction, author, account, at, in_reply_to, conversation_ref, text FROM messages ORDER BY at, id",
    )
    .all() as Record<string, unknown>[];

const conversations = (s: Service) =>
  s.handle.sqlite
    .prepare("SELECT * FROM conversations ORDER BY id")
    .all()
    .map((row) => ({ ...(row as Record<string, unknown>), thread_id: undefined }));

async function totals(s: Service, query = "") {
  const { body } = await s.getJson(`/v1/metrics${query}`);
  return body.total as { conversations: number; responded: number; ttfr_p50_ms: number | null };
}

const handshake = (s: Service, query: string) => s.app.request(`/v1/webhooks/meta?${query}`);

describe("GET /v1/webhooks/meta (subscription handshake)", () => {
  it("answers the challenge as plain text when the verify token is one of the configured ones", async () => {
    const s = service({ ...ENV, META_VERIFY_TOKEN: `other-token,${VERIFY_TOKEN}` });
    const response = await handshake(
      s,
      `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
  });

  it("refuses a wrong token or mode with 403 and names missing parameters with 400", async () => {
    const s = service();
    const wrong = await handshake(s, "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: expect.stringMatching(/^hub\.verify_token: /) });
    const mode = await handshake(s, `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
    expect(mode.status).toBe(403);
    const missing = await handshake(s, "hub.mode=subscribe");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: "hub.verify_token, hub.challenge: required query parameters",
    });
  });
});

describe("POST /v1/webhooks/meta", () => {
  it("stores an Instagram comment and joins the account's reply through parent_id", async () => {
    const s = service();
    expect(await deliverOk(s, "ig-comment")).toEqual({ stored: 1, duplicates: 0, ignored: {} });
    expect(await deliverOk(s, "ig-comment-reply")).toEqual({ stored: 1, duplicates: 0, ignored: {} });
    expect(messages(s)).toEqual([
      {
        source: "instagram",
        id: "17900000000000001",
        direction: "inbound",
        author: "jane.doe",
        account: "17841400000000001",
        at: Date.parse("2026-03-02T09:00:00Z"),
        in_reply_to: null,
        conversation_ref: null,
        text: "@acme my order never arrived",
      },
      {
        source: "instagram",
        id: "17900000000000002",
        direction: "outbound",
        author: "acme",
        account: "17841400000000001",
        at: Date.parse("2026-03-02T09:12:00Z"),
        in_reply_to: "17900000000000001",
        conversation_ref: null,
        text: "@jane.doe sorry! Please DM us your order number.",
      },
    ]);
    expect(await totals(s)).toMatchObject({ conversations: 1, responded: 1, ttfr_p50_ms: 12 * MIN });
  });

  it("makes each customer comment on a post its own conversation", async () => {
    const s = service();
    await deliverOk(s, "ig-comment");
    await deliverOk(s, "ig-comments-same-post");
    await deliverOk(s, "ig-comment-reply");
    expect(await totals(s)).toMatchObject({ conversations: 3, responded: 1 });
  });

  it("stores a Facebook feed comment, joins the page's reply and ignores edits, removals and reactions", async () => {
    const s = service();
    expect(await deliverOk(s, "fb-feed-comment")).toEqual({ stored: 1, duplicates: 0, ignored: {} });
    expect(await deliverOk(s, "fb-feed-reply")).toEqual({ stored: 1, duplicates: 0, ignored: {} });
    expect(await deliverOk(s, "fb-feed-ignored")).toEqual({
      stored: 0,
      duplicates: 0,
      ignored: {
        "feed.comment.edited": 1,
        "feed.comment.remove": 1,
        "feed.reaction.add": 1,
        "feed.status.add": 1,
      },
    });
    expect(messages(s).map((m) => [m.source, m.id, m.direction, m.in_reply_to, m.text])).toEqual([
      ["facebook", "200000000000001_300000000000001", "inbound", null, "Is the shop open on Sunday?"],
      [
        "facebook",
        "200000000000001_300000000000002",
        "outbound",
        "200000000000001_300000000000001",
        "Yes, 10:00 to 16:00!",
      ],
    ]);
    expect(await totals(s, "?source=facebook")).toMatchObject({ conversations: 1, ttfr_p50_ms: 30 * MIN });
  });

  it("puts a DM and the business's echo in one conversation with the exact TTFR in ms", async () => {
    const s = service();
    await deliverOk(s, "ig-dm-in");
    await deliverOk(s, "ig-dm-echo");
    expect(messages(s).map((m) => [m.direction, m.author, m.at, m.conversation_ref])).toEqual([
      ["inbound", "9000000000000001", 1772442000250, "dm:17841400000000001:9000000000000001"],
      ["outbound", "17841400000000001", 1772443200750, "dm:17841400000000001:9000000000000001"],
    ]);
    expect(await totals(s)).toMatchObject({ conversations: 1, responded: 1, ttfr_p50_ms: 20 * MIN + 500 });
  });

  it("gives the same conversations when replies arrive before their parents, and repeats change nothing", async () => {
    const inOrder = service();
    const reversed = service();
    const names = [
      "ig-comment",
      "ig-comment-reply",
      "fb-feed-comment",
      "fb-feed-reply",
      "ig-dm-in",
      "ig-dm-echo",
    ];
    for (const name of names) await deliverOk(inOrder, name);
    for (const name of [...names].reverse()) await deliverOk(reversed, name);
    expect(await deliverOk(reversed, "ig-comment-reply")).toEqual({ stored: 0, duplicates: 1, ignored: {} });
    expect(conversations(reversed)).toEqual(conversations(inOrder));
    expect(await totals(reversed)).toMatchObject({ conversations: 3, responded: 3 });
  });

  it("acknowledges and counts updates it does not store", async () => {
    const s = service();
    expect(await deliverOk(s, "other-updates")).toEqual({
      stored: 0,
      duplicates: 0,
      ignored: { live_comments: 1, mentions: 1, "messaging.read": 1, "messaging.reaction": 1 },
    });
    expect((await deliverOk(s, "whatsapp")).ignored).toEqual({ "object.whatsapp_business_account": 1 });
    expect((await deliverOk(s, "dashboard-test")).ignored).toEqual({ dashboard_test: 1 });
    expect(messages(s)).toEqual([]);
  });

  it("accepts the hand-signed vector", async () => {
    const vector = JSON.parse(fixture("signed-vector").toString("utf8")) as Record<string, string>;
    const s = service({ META_APP_SECRET: vector.secret ?? "" });
    const response = await deliver(s, vector.body ?? "", { [HEADER]: vector.signature ?? "" });
    expect(await response.json()).toEqual({ stored: 1, duplicates: 0, ignored: {} });
    expect(messages(s)[0]).toMatchObject({ author: "lea.ü", text: "Ça marche? 👍" });
  });
});

describe("POST /v1/webhooks/meta refuses what it cannot trust", () => {
  it("answers 401 naming the header for a wrong or missing signature and stores nothing", async () => {
    const s = service();
    const body = fixture("ig-comment");
    const wrong = await deliver(s, body, { [HEADER]: sign("not-the-secret", body) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: expect.stringMatching(/^X-Hub-Signature-256: /) });
    const tampered = await deliver(s, Buffer.from(body.toString("utf8").replace("never", "never ever")), {
      [HEADER]: sign(SECRET, body),
    });
    expect(tampered.status).toBe(401);
    const missing = await s.app.request("/v1/webhooks/meta", { method: "POST", body });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: expect.stringMatching(/^X-Hub-Signature-256: missing/) });
    expect(messages(s)).toEqual([]);
  });

  it("accepts deliveries signed with any configured secret while one is rotated", async () => {
    const s = service({ META_APP_SECRET: `${SECRET}, ${OLD_SECRET}` });
    const old = fixture("ig-comment");
    expect((await deliver(s, old, { [HEADER]: sign(OLD_SECRET, old) })).status).toBe(200);
    expect((await deliver(s, fixture("ig-comment-reply"))).status).toBe(200);
    expect(messages(s)).toHaveLength(2);
  });

  it("answers 400 for signed JSON that is malformed or not a delivery, storing nothing", async () => {
    const s = service();
    const broken = await deliver(s, '{"object":"instagram","entry":[');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: expect.stringMatching(/^body: not valid JSON/) });
    const badItem = JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: "17841400000000001",
          time: 1772442000,
          changes: [
            { field: "comments", value: { id: "1", text: "fine" } },
            { field: "comments", value: { text: "no id" } },
          ],
        },
      ],
    });
    const refused = await deliver(s, badItem);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: expect.stringMatching(/^entry\[0\]\.changes\[1\]\.value\.id: /),
    });
    expect(messages(s)).toEqual([]);
  });

  it("answers 503 when no app secret or verify token is configured", async () => {
    const s = service({});
    const post = await deliver(s, fixture("ig-comment"));
    expect(post.status).toBe(503);
    expect(await post.json()).toEqual({ error: expect.stringMatching(/^META_APP_SECRET is not set/) });
    const get = await handshake(s, "hub.mode=subscribe&hub.verify_token=x&hub.challenge=1");
    expect(get.status).toBe(503);
    expect(await get.json()).toEqual({ error: expect.stringMatching(/^META_VERIFY_TOKEN is not set/) });
  });

  it("refuses a body over SLA_MAX_BODY_BYTES with 413", async () => {
    const s = service({ ...ENV, SLA_MAX_BODY_BYTES: "100" });
    expect((await deliver(s, fixture("ig-comment"))).status).toBe(413);
  });
});
