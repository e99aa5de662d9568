import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mapZendeskDelivery, statusAction, zendeskSignature } from "../../src/ingest/zendesk-webhook.js";

const FIXTURES = new URL("../fixtures/webhooks/zendesk/", import.meta.url);

interface Vector {
  timestamp: string;
  bodyFile?: string;
  body?: string;
  signature: string;
}
const vectors = JSON.parse(readFileSync(new URL("signature-vectors.json", FIXTURES), "utf8")) as {
  key: string;
  vectors: Vector[];
};

const bodyOf = (vector: Vector) =>
  vector.bodyFile
    ? new Uint8Array(readFileSync(new URL(vector.bodyFile, FIXTURES)))
    : new TextEncoder().encode(vector.body ?? "");

describe("zendeskSignature", () => {
  it.each(vectors.vectors.map((vector, i) => ({ n: i + 1, vector })))(
    "reproduces vector $n",
    async ({ vector }) => {
      expect(await zendeskSignature(vectors.key, vector.timestamp, bodyOf(vector))).toBe(vector.signature);
    },
  );

  it("depends on the timestamp, the body and the secret", async () => {
    const [first] = vectors.vectors;
    if (!first) throw new Error("no vectors");
    const body = bodyOf(first);
    expect(await zendeskSignature(vectors.key, "1235", body)).not.toBe(first.signature);
    expect(await zendeskSignature(`${vectors.key}x`, "1234", body)).not.toBe(first.signature);
    expect(await zendeskSignature(vectors.key, "1234", body.slice(1))).not.toBe(first.signature);
  });
});

const detail = {
  id: "5158",
  requester_id: "100",
  brand_id: "77",
  created_at: "2026-03-02T09:00:00Z",
  description: "My parcel is late",
  status: "OPEN",
};
const envelope = (type: string, event: object = {}, time = "2026-03-02T09:30:00.123456789Z") => ({
  type: `zen:event-type:${type}`,
  account_id: 1,
  id: "6b9bbadf-5725-4e92-bebe-7b71011bf5f1",
  subject: "zen:ticket:5158",
  time,
  detail,
  event,
});
const comment = (author: object, extra: object = {}) => ({
  comment: { id: "900", body: "On its way", is_public: true, author, ...extra },
});
const common = {
  source: "zendesk",
  account: "zendesk-brand-77",
  conversation: "ticket-5158",
  inReplyTo: null,
};

describe("event-subscription webhooks", () => {
  it("ticket.created is the customer's opening message", () => {
    expect(mapZendeskDelivery(envelope("ticket.created"))).toEqual({
      ok: true,
      ignored: {},
      events: [
        {
          ...common,
          type: "message",
          id: "ticket-5158",
          direction: "inbound",
          author: "zendesk-user-100",
          at: Date.parse("2026-03-02T09:00:00Z"),
          links: [],
          text: "My parcel is late",
          automated: false,
        },
      ],
    });
  });

  it.each([
    { who: "the requester", author: { id: "100", is_staff: false }, direction: "inbound" },
    { who: "the requester, even if staff", author: { id: "100", is_staff: true }, direction: "inbound" },
    { who: "an agent", author: { id: "200", is_staff: true, name: "Ann" }, direction: "outbound" },
    { who: "a CC'd end user", author: { id: "300", is_staff: false }, direction: "inbound" },
    { who: "someone else, role unknown", author: { id: "200" }, direction: "outbound" },
  ])("a public comment by $who is $direction", ({ author, direction }) => {
    const mapped = mapZendeskDelivery(envelope("ticket.comment_added", comment(author)));
    expect(mapped).toMatchObject({
      ok: true,
      events: [
        { ...common, id: "900", direction, at: Date.parse("2026-03-02T09:30:00.123Z"), text: "On its way" },
      ],
    });
  });

  it("an internal note is ignored", () => {
    const note = comment({ id: "200", is_staff: true }, { is_public: false });
    expect(mapZendeskDelivery(envelope("ticket.comment_added", note))).toEqual({
      ok: true,
      events: [],
      ignored: { internal_note: 1 },
    });
  });

  it("the first comment (the description, by the requester) is the same message as ticket.created", () => {
    const first = comment({ id: "100", is_staff: false }, { body: " My parcel is late " });
    const mapped = mapZendeskDelivery(envelope("ticket.comment_added", first));
    const created = mapZendeskDelivery(envelope("ticket.created"));
    expect(mapped.ok && mapped.events[0]).toMatchObject({
      id: "ticket-5158",
      at: Date.parse(detail.created_at),
    });
    expect(created.ok && created.events[0]).toMatchObject({
      id: "ticket-5158",
      at: Date.parse(detail.created_at),
    });
  });

  it.each([
    { previous: "OPEN", current: "SOLVED", type: "resolve" },
    { previous: "pending", current: "closed", type: "resolve" },
    { previous: "SOLVED", current: "OPEN", type: "reopen" },
  ])("status $previous → $current is a $type action", ({ previous, current, type }) => {
    const mapped = mapZendeskDelivery(envelope("ticket.status_changed", { previous, current }));
    const at = Date.parse("2026-03-02T09:30:00.123Z");
    expect(mapped).toEqual({
      ok: true,
      ignored: {},
      events: [
        {
          type,
          id: `ticket-5158-${type}-${at}`,
          source: "zendesk",
          at,
          author: null,
          inReplyTo: null,
          conversation: "ticket-5158",
        },
      ],
    });
  });

  it("other status changes and other event types are acknowledged as ignored", () => {
    expect(statusAction("SOLVED", "CLOSED")).toBeNull();
    expect(statusAction("OPEN", "PENDING")).toBeNull();
    expect(
      mapZendeskDelivery(envelope("ticket.status_changed", { previous: "OPEN", current: "PENDING" })),
    ).toEqual({ ok: true, events: [], ignored: { status_change: 1 } });
    const raw = readFileSync(new URL("event_user_group_membership_created.body", FIXTURES), "utf8");
    expect(mapZendeskDelivery(JSON.parse(raw))).toEqual({
      ok: true,
      events: [],
      ignored: { "zen:event-type:user.group_membership_created": 1 },
    });
  });

  it("carries priority and tags of the ticket's detail", () => {
    const created = envelope("ticket.created");
    const detail = { ...(created.detail as object), priority: "URGENT", tags: ["vip"] };
    expect(mapZendeskDelivery({ ...created, detail })).toMatchObject({
      events: [{ priority: "urgent", tags: ["vip"] }],
    });
  });

  it("names the missing field", () => {
    const noComment = mapZendeskDelivery(envelope("ticket.comment_added", {}));
    expect(noComment).toMatchObject({ ok: false, error: expect.stringMatching(/^event\.comment: /) });
    const noTicket = mapZendeskDelivery({ ...envelope("ticket.created"), detail: { requester_id: "1" } });
    expect(noTicket).toMatchObject({ ok: false, error: expect.stringMatching(/^detail\.id: /) });
  });
});

const trigger = (extra: object) => ({
  ticket_id: "42",
  requester_id: "100",
  comment_id: "555",
  author_id: "100",
  is_public: "true",
  at: "2026-03-02T09:00:00Z",
  brand: "AcmeHelp",
  text: "Hello",
  ...extra,
});

describe("trigger webhooks (the README template)", () => {
  it("carries the ticket's priority (lowercased) and tags, for policies to match on", () => {
    const mapped = mapZendeskDelivery(
      trigger({ event: "created", priority: "High", tags: "vip  billing vip" }),
    );
    expect(mapped).toMatchObject({ events: [{ priority: "high", tags: ["vip", "billing"] }] });
    const plain = mapZendeskDelivery(trigger({ event: "created", priority: "", tags: "" }));
    expect(plain.ok && plain.events[0]).not.toHaveProperty("priority");
    expect(plain.ok && plain.events[0]).not.toHaveProperty("tags");
  });

  it("maps created, comments by the requester and by agents, solved and reopened", () => {
    const at = Date.parse("2026-03-02T09:00:00Z");
    const base = { source: "zendesk", account: "AcmeHelp", conversation: "ticket-42" };
    expect(mapZendeskDelivery(trigger({ event: "created" }))).toMatchObject({
      events: [
        { ...base, id: "ticket-42", direction: "inbound", author: "zendesk-user-100", at, text: "Hello" },
      ],
    });
    expect(mapZendeskDelivery(trigger({ event: "comment" }))).toMatchObject({
      events: [{ ...base, id: "555", direction: "inbound" }],
    });
    expect(mapZendeskDelivery(trigger({ event: "comment", author_id: "200" }))).toMatchObject({
      events: [{ ...base, id: "555", direction: "outbound", author: "zendesk-user-200" }],
    });
    expect(mapZendeskDelivery(trigger({ event: "comment", is_public: "false" }))).toMatchObject({
      ignored: { internal_note: 1 },
    });
    expect(mapZendeskDelivery(trigger({ event: "solved" }))).toMatchObject({
      events: [{ type: "resolve", id: `ticket-42-resolve-${at}`, conversation: "ticket-42" }],
    });
    expect(mapZendeskDelivery(trigger({ event: "reopened" }))).toMatchObject({
      events: [{ type: "reopen", conversation: "ticket-42" }],
    });
  });

  it("rejects a template with empty placeholders or an unknown event, naming the field", () => {
    expect(mapZendeskDelivery(trigger({ event: "comment", comment_id: "" }))).toEqual({
      ok: false,
      error: "comment_id: required for event comment",
    });
    expect(mapZendeskDelivery(trigger({ event: "commented" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^event: /),
    });
    expect(mapZendeskDelivery(trigger({ event: "comment", at: "yesterday" }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^at: expected ISO-8601/),
    });
  });

  it("a body of neither kind is refused (such as a hand-written trigger body of another shape)", () => {
    const raw = readFileSync(new URL("trigger_ticket_update.body", FIXTURES), "utf8");
    expect(mapZendeskDelivery(JSON.parse(raw))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^body: /),
    });
    expect(mapZendeskDelivery([])).toEqual({ ok: false, error: "body: expected a JSON object" });
  });
});
