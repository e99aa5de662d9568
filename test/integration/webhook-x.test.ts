import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createTestService } from "../support/test-service.js";

const SECRET = "x-consumer-secret-current";
const OLD_SECRET = "x-consumer-secret-previous";
const HEADER = "x-twitter-webhooks-signature";
const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;

type Service = ReturnType<typeof createTestService>;
const open: Service[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

function service(env: Record<string, string> = { X_CONSUMER_SECRET: SECRET }): Service {
  const created = createTestService(env, NOW);
  open.push(created);
  return created;
}

/** A fixture's exact bytes: the signature covers them, not a re-serialisation. */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/webhooks/x/${name}.json`, import.meta.url));

/** Computed here with node:crypto, independently of the service's Web Crypto helpers. */
const sign = (secret: string, body: Uint8Array | string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("base64")}`;

function deliver(s: Service, body: Uint8Array | string, headers: Record<string, string> = {}) {
  return s.app.request("/v1/webhooks/x", {
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
      "SELECT id, direction, author, account, at, in_reply_to, conversation_ref, text FROM messages ORDER BY at, id",
    )
    .all() as Record<string, unknown>[];

const conversations = (s: Service) =>
  s.handle.sqlite.prepare("SELECT * FROM conversations ORDER BY id").all();

async function totals(s: Service) {
  const { body } = await s.getJson("/v1/metrics");
  return body.total as { conversations: number; responded: number; ttfr_p50_ms: number | null };
}

describe("GET /v1/webhooks/x (challenge-response check)", () => {
  it("answers the crc_token with the first configured secret, with or without a nonce", async () => {
    const s = service({ X_CONSUMER_SECRET: `${SECRET},${OLD_SECRET}` });
    const expected = { response_token: sign(SECRET, "challenge-123") };
    for (const query of ["crc_token=challenge-123", "crc_token=challenge-123&nonce=NzU3MDA4"]) {
      const response = await s.getJson(`/v1/webhooks/x?${query}`);
      expect(response).toEqual({ status: 200, body: expected });
    }
  });

  it("names the missing crc_token", async () => {
    const response = await service().getJson("/v1/webhooks/x?nonce=abc");
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/crc_token/);
  });
});

describe("POST /v1/webhooks/x", () => {
  it("stores a signed mention as inbound under its id_str, attributed to the brand's screen name", async () => {
    const s = service();
    expect(await deliverOk(s, "mention")).toEqual({ stored: 1, duplicates: 0, ignored: {} });
    expect(messages(s)).toEqual([
      {
        id: "1900000000000000001",
        direction: "inbound",
        author: "jane_doe",
        account: "AcmeHelp",
        at: Date.parse("2026-03-02T09:00:00Z"),
        in_reply_to: null,
        conversation_ref: null,
        text: "@AcmeHelp my parcel is late <again> & nobody answers",
      },
    ]);
  });

  it("verifies X's own compact serialisation with <, > and & escaped", async () => {
    const s = service();
    const escaped = JSON.stringify(JSON.parse(fixture("mention").toString("utf8")))
      .replaceAll("<", "\\u003c")
      .replaceAll(">", "\\u003e")
      .replaceAll("&", "\\u0026");
    expect((await deliver(s, escaped)).status).toBe(200);
    expect(messages(s)[0]?.text).toBe("@AcmeHelp my parcel is late <again> & nobody answers");
  });

  it("joins the brand's reply to the mention's thread as outbound, with the right TTFR", async () => {
    const s = service();
    await deliverOk(s, "mention");
    await deliverOk(s, "reply");
    expect(messages(s)[1]).toMatchObject({
      id: "1900000000000000099",
      direction: "outbound",
      author: "AcmeHelp",
      account: "AcmeHelp",
      in_reply_to: "1900000000000000001",
    });
    expect(await totals(s)).toMatchObject({ conversations: 1, responded: 1, ttfr_p50_ms: 30 * MIN });
  });

  it("joins a reply delivered before its parent once the parent arrives", async () => {
    const inOrder = service();
    await deliverOk(inOrder, "mention");
    await deliverOk(inOrder, "reply");
    const reversed = service();
    await deliverOk(reversed, "reply");
    expect(await totals(reversed)).toMatchObject({ conversations: 0 });
    await deliverOk(reversed, "mention");
    expect(await totals(reversed)).toMatchObject({ conversations: 1, responded: 1, ttfr_p50_ms: 30 * MIN });
    expect(conversations(reversed)).toEqual(conversations(inOrder));
  });

  it("reports a redelivery as a duplicate and changes nothing", async () => {
    const s = service();
    await deliverOk(s, "mention");
    await deliverOk(s, "reply");
    const before = { messages: messages(s), conversations: conversations(s) };
    expect(await deliverOk(s, "reply")).toEqual({ stored: 0, duplicates: 1, ignored: {} });
    expect(await deliverOk(s, "mention")).toEqual({ stored: 0, duplicates: 1, ignored: {} });
    expect({ messages: messages(s), conversations: conversations(s) }).toEqual(before);
  });

  it("stores the full text of a truncated tweet", async () => {
    const s = service();
    await deliverOk(s, "truncated");
    const [stored] = messages(s);
    expect(stored?.text).toMatch(/Order 4471\. What is going on\?$/);
    expect(stored).toMatchObject({ author: "sam_k", account: "AcmeHelp", direction: "inbound" });
  });

  it("threads a DM in and the brand's DM out as one conversation with the right TTFR", async () => {
    const s = service();
    await deliverOk(s, "dm-out");
    await deliverOk(s, "dm-in");
    // The brand's answer is 20 minutes after the customer's DM, whatever the delivery order.
    expect(messages(s)).toEqual([
      expect.objectContaining({ id: "1900000000000000300", direction: "inbound", author: "jane_doe" }),
      expect.objectContaining({ id: "1900000000000000301", direction: "outbound", author: "AcmeHelp" }),
    ]);
    expect(new Set(messages(s).map((m) => m.conversation_ref))).toEqual(
      new Set(["dm:9000000001:5000000001"]),
    );
    expect(await totals(s)).toMatchObject({ conversations: 1, responded: 1, ttfr_p50_ms: 20 * MIN });
  });

  it("acknowledges other event kinds, counted by kind, storing nothing", async () => {
    const s = service();
    expect(await deliverOk(s, "other-events")).toEqual({
      stored: 0,
      duplicates: 0,
      ignored: { favorite_events: 1, follow_events: 2, direct_message_indicate_typing_events: 1 },
    });
    expect(messages(s)).toEqual([]);
  });

  it("refuses a wrong signature with a 401 naming the header, storing nothing", async () => {
    const s = service();
    const body = fixture("mention");
    for (const signature of [sign("not-the-secret", body), "sha256=", "garbage"]) {
      const response = await deliver(s, body, { [HEADER]: signature });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(HEADER);
    }
    // A body changed after signing (one space added) fails as well.
    const tampered = await deliver(s, body.toString("utf8").replace("{", "{ "), {
      [HEADER]: sign(SECRET, body),
    });
    expect(tampered.status).toBe(401);
    expect(messages(s)).toEqual([]);
  });

  it("refuses a delivery without the signature header with a 401 naming it", async () => {
    const s = service();
    const response = await s.app.request("/v1/webhooks/x", { method: "POST", body: fixture("mention") });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(HEADER);
    expect(messages(s)).toEqual([]);
  });

  it("accepts a delivery signed with the second secret during a rotation", async () => {
    const s = service({ X_CONSUMER_SECRET: `${SECRET}, ${OLD_SECRET}` });
    const body = fixture("mention");
    expect((await deliver(s, body, { [HEADER]: sign(OLD_SECRET, body) })).status).toBe(200);
    expect(messages(s)).toHaveLength(1);
  });

  it("answers 400 for a correctly signed body that is not JSON, or not an Account Activity delivery", async () => {
    const s = service();
    const notJson = await deliver(s, '{"for_user_id": "9000000001", "tweet_create_events": [');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/^body: not valid JSON/);
    const noId = await deliver(
      s,
      JSON.stringify({
        for_user_id: "1",
        tweet_create_events: [{ id: 12, text: "hi", user: { id_str: "2" } }],
      }),
    );
    expect(noId.status).toBe(400);
    expect(((await noId.json()) as { error: string }).error).toMatch(/tweet_create_events\.0\.id_str/);
    expect(messages(s)).toEqual([]);
  });

  it("refuses a body over SLA_MAX_BODY_BYTES with a 413", async () => {
    const s = service({ X_CONSUMER_SECRET: SECRET, SLA_MAX_BODY_BYTES: "100" });
    expect((await deliver(s, fixture("mention"))).status).toBe(413);
  });

  it("answers 503 on both routes when no consumer secret is configured", async () => {
    const s = service({});
    const body = fixture("mention");
    const post = await deliver(s, body);
    expect(post.status).toBe(503);
    expect(((await post.json()) as { error: string }).error).toMatch(/X_CONSUMER_SECRET/);
    expect((await s.getJson("/v1/webhooks/x?crc_token=abc")).status).toBe(503);
    expect(messages(s)).toEqual([]);
  });
});
