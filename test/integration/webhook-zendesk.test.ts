import { afterEach, describe, expect, it } from "vitest";
import { zendeskSignature } from "../../src/ingest/zendesk-webhook.js";
import { createTestService } from "../support/test-service.js";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const SECRET = "zendesk-signing-secret-1";
const ago = (minutes: number) => new Date(NOW - minutes * MIN).toISOString();

type Service = ReturnType<typeof createTestService>;
let service: Service | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function start(env: Record<string, string> = { ZENDESK_WEBHOOK_SECRET: SECRET }): Service {
  service = createTestService(env, NOW);
  return service;
}

interface Delivery {
  secret?: string;
  timestamp?: string | null;
  signature?: string | null;
}

/** Posts a body signed as Zendesk signs it (timestamp + raw body), with headers that can be left out or bent. */
async function deliver(s: Service, body: object | string, options: Delivery = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = options.timestamp === undefined ? new Date(NOW).toISOString() : options.timestamp;
  const signature =
    options.signature === undefined
      ? await zendeskSignature(options.secret ?? SECRET, timestamp ?? "", new TextEncoder().encode(raw))
      : options.signature;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (timestamp !== null) headers["X-Zendesk-Webhook-Signature-Timestamp"] = timestamp;
  if (signature !== null) headers["X-Zendesk-Webhook-Signature"] = signature;
  const response = await s.app.request("/v1/webhooks/zendesk", { method: "POST", headers, body: raw });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const stored = (s: Service) => s.handle.sqlite.prepare("SELECT count(*) FROM messages").pluck().get();
const conversations = (s: Service) =>
  s.handle.sqlite
    .prepare("SELECT * FROM conversations ORDER BY id")
    .all()
    .map((row) => ({ ...(row as Record<string, unknown>), thread_id: undefined }));
const total = async (s: Service) => (await s.getJson("/v1/metrics")).body.total as Record<string, unknown>;

const detail = {
  id: "5158",
  requester_id: "100",
  brand_id: "77",
  created_at: ago(120),
  description: "My parcel is late",
};
const event = (type: string, time: string, extra: object = {}, id = `${type}-${time}`) => ({
  type: `zen:event-type:${type}`,
  account_id: 12514403,
  id,
  subject: "zen:ticket:5158",
  time,
  zendesk_event_version: "2022-11-06",
  detail,
  event: extra,
});
const created = event("ticket.created", ago(120));
const comment = (id: string, minutesAgo: number, author: object, isPublic = true) =>
  event("ticket.comment_added", ago(minutesAgo), {
    comment: { id, body: `comment ${id}`, is_public: isPublic, author },
  });
const AGENT = { id: "200", is_staff: true, name: "Ann Agent" };
const REQUESTER = { id: "100", is_staff: false, name: "Jane Doe" };
const agentReply = comment("901", 90, AGENT);
const solved = event("ticket.status_changed", ago(60), { previous: "OPEN", current: "SOLVED" });

describe("POST /v1/webhooks/zendesk: verification", () => {
  it("is 503 when no secret is configured", async () => {
    const s = start({});
    const answer = await deliver(s, created);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatch(/ZENDESK_WEBHOOK_SECRET/);
  });

  it("stores a correctly signed delivery", async () => {
    const s = start();
    expect(await deliver(s, created)).toEqual({
      status: 200,
      body: { stored: 1, duplicates: 0, ignored: {} },
    });
    expect(conversations(s)).toMatchObject([
      {
        source: "zendesk",
        account: "zendesk-brand-77",
        customer: "zendesk-user-100",
        excerpt: "My parcel is late",
      },
    ]);
  });

  it("refuses a wrong signature with 401 and stores nothing", async () => {
    const s = start();
    const answer = await deliver(s, created, { secret: "someone-else" });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/^X-Zendesk-Webhook-Signature: does not match/);
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect(stored(s)).toBe(0);
  });

  it("refuses a body changed after signing", async () => {
    const s = start();
    const signature = await zendeskSignature(
      SECRET,
      new Date(NOW).toISOString(),
      new TextEncoder().encode("{}"),
    );
    expect((await deliver(s, created, { signature })).status).toBe(401);
    expect(stored(s)).toBe(0);
  });

  it.each([
    { missing: "signature", options: { signature: null }, names: /^X-Zendesk-Webhook-Signature: missing/ },
    {
      missing: "timestamp",
      options: { timestamp: null },
      names: /^X-Zendesk-Webhook-Signature-Timestamp: missing/,
    },
    {
      missing: "both",
      options: { signature: null, timestamp: null },
      names: /^X-Zendesk-Webhook-Signature, X-Zendesk-Webhook-Signature-Timestamp: missing/,
    },
  ])("refuses a delivery without the $missing header(s)", async ({ options, names }) => {
    const s = start();
    const answer = await deliver(s, created, options);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(names);
    expect(stored(s)).toBe(0);
  });

  it.each([
    { when: "old (replayed)", timestamp: ago(6), says: /6m behind the service clock/ },
    { when: "in the future", timestamp: ago(-6), says: /6m ahead of the service clock/ },
    { when: "not a time", timestamp: "soon", says: /not a time/ },
  ])("refuses a correctly signed delivery whose timestamp is $when", async ({ timestamp, says }) => {
    const s = start();
    const answer = await deliver(s, created, { timestamp });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/^X-Zendesk-Webhook-Signature-Timestamp: /);
    expect(answer.body.error).toMatch(says);
    expect(stored(s)).toBe(0);
  });

  it("accepts timestamps within the tolerance, which ZENDESK_TOLERANCE sets", async () => {
    const s = start({ ZENDESK_WEBHOOK_SECRET: SECRET, ZENDESK_TOLERANCE: "10m" });
    expect((await deliver(s, created, { timestamp: ago(9) })).status).toBe(200);
    expect((await deliver(s, agentReply, { timestamp: ago(11) })).status).toBe(401);
  });

  it("accepts any configured secret (rotation)", async () => {
    const s = start({ ZENDESK_WEBHOOK_SECRET: "new-secret, old-secret" });
    expect((await deliver(s, created, { secret: "old-secret" })).body.stored).toBe(1);
    expect((await deliver(s, agentReply, { secret: "new-secret" })).body.stored).toBe(1);
    expect((await deliver(s, solved, { secret: SECRET })).status).toBe(401);
  });

  it("is 400 for a correctly signed body that is not JSON, or not a Zendesk event", async () => {
    const s = start();
    const broken = await deliver(s, '{"type": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/^body: not valid JSON/);
    const incomplete = await deliver(s, { ...created, detail: { id: "5158" } });
    expect(incomplete).toEqual({
      status: 400,
      body: { error: "detail.requester_id: required for ticket.created" },
    });
    expect(stored(s)).toBe(0);
  });
});

describe("POST /v1/webhooks/zendesk: what a ticket becomes", () => {
  it("a redelivery is a duplicate", async () => {
    const s = start();
    await deliver(s, created);
    expect((await deliver(s, created, { timestamp: ago(1) })).body).toEqual({
      stored: 0,
      duplicates: 1,
      ignored: {},
    });
    expect(stored(s)).toBe(1);
  });

  it("ticket created and an agent's public comment: answered, TTFR from created_at to the comment", async () => {
    const s = start();
    await deliver(s, created);
    await deliver(s, agentReply);
    expect(await total(s)).toMatchObject({
      conversations: 1,
      responded: 1,
      within_target: 1,
      ttfr_p50_ms: 30 * MIN,
    });
    expect(conversations(s)).toMatchObject([{ id: "zendesk:ticket-5158", responder: "zendesk-user-200" }]);
  });

  it("the requester's comment after the agent's is a follow-up in the same conversation", async () => {
    const s = start();
    for (const body of [created, agentReply, comment("902", 80, REQUESTER)]) await deliver(s, body);
    expect(conversations(s)).toMatchObject([{ message_count: 3, last_direction: "inbound", touches: 1 }]);
    expect(await total(s)).toMatchObject({ conversations: 1, responded: 1 });
  });

  it("an internal note is acknowledged but not stored: it is no response", async () => {
    const s = start();
    await deliver(s, created);
    const note = await deliver(s, comment("903", 100, AGENT, false));
    expect(note.body).toEqual({ stored: 0, duplicates: 0, ignored: { internal_note: 1 } });
    expect(await total(s)).toMatchObject({ responded: 0 });
  });

  it("solved resolves the conversation (first-contact resolution), reopened opens it again", async () => {
    const s = start();
    for (const body of [created, agentReply, solved]) await deliver(s, body);
    expect(await total(s)).toMatchObject({ resolved: 1, fcr_resolved: 1, fcr_rate: 1 });
    await deliver(s, event("ticket.status_changed", ago(30), { previous: "SOLVED", current: "OPEN" }));
    expect(await total(s)).toMatchObject({ resolved: 0 });
  });

  it("out of order (comment and solve before the ticket) gives the same result", async () => {
    const inOrder = start();
    for (const body of [created, agentReply, comment("902", 80, REQUESTER), solved])
      await deliver(inOrder, body);
    const expected = conversations(inOrder);
    const expectedTotal = await total(inOrder);
    expect(expectedTotal).toMatchObject({ conversations: 1, responded: 1, resolved: 1 });
    await inOrder.close();
    const reversed = start();
    for (const body of [solved, comment("902", 80, REQUESTER), agentReply, created])
      await deliver(reversed, body);
    expect(conversations(reversed)).toEqual(expected);
    expect(await total(reversed)).toEqual(expectedTotal);
  });

  it("acknowledges other event types and counts them", async () => {
    const s = start();
    const other = { ...event("user.group_membership_created", ago(1)), detail: { id: "6596848315901" } };
    expect((await deliver(s, other)).body).toEqual({
      stored: 0,
      duplicates: 0,
      ignored: { "zen:event-type:user.group_membership_created": 1 },
    });
    expect(stored(s)).toBe(0);
  });

  it("maps the README's trigger template the same way", async () => {
    const s = start();
    const template = (event: string, minutesAgo: number, extra: object = {}) => ({
      ticket_id: "42",
      event,
      comment_id: `c-${minutesAgo}`,
      author_id: "100",
      requester_id: "100",
      is_public: "true",
      at: ago(minutesAgo),
      brand: "AcmeHelp",
      text: "Where is my order?",
      ...extra,
    });
    for (const body of [
      template("created", 120),
      template("comment", 110, { author_id: "200", is_public: "false" }),
      template("comment", 100, { author_id: "200" }),
      template("solved", 90),
    ]) {
      expect((await deliver(s, body)).status).toBe(200);
    }
    expect(await total(s)).toMatchObject({
      conversations: 1,
      responded: 1,
      ttfr_p50_ms: 20 * MIN,
      fcr_resolved: 1,
    });
    expect(conversations(s)).toMatchObject([{ account: "AcmeHelp", id: "zendesk:ticket-42" }]);
  });
});
