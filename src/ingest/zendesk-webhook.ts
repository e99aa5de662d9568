import { z } from "zod";
import type { Direction, MessageEvent, SlaEvent, ThreadActionEvent } from "../domain/event.js";
import { hmacSha256, toBase64 } from "./hmac.js";

/**
 * Zendesk webhooks: the signature, and the mapping of a verified delivery to events. Two kinds of body
 * arrive: event-subscription webhooks (`type: "zen:event-type:ticket.*"`, the ticket in `detail`, the change
 * in `event`) and trigger/automation webhooks, whose JSON the admin writes; for those the README gives a
 * template (`ticket_id`, `event`, ...). Every event names the ticket's thread as `conversation: ticket-<id>`.
 */
export const ZENDESK_SOURCE = "zendesk";
const EVENT_PREFIX = "zen:event-type:";

/** `base64(HMAC-SHA256(secret, timestamp + raw body))`, the secret used verbatim as bytes. */
export async function zendeskSignature(secret: string, timestamp: string, body: Uint8Array): Promise<string> {
  const prefix = new TextEncoder().encode(timestamp);
  const data = new Uint8Array(prefix.length + body.length);
  data.set(prefix);
  data.set(body, prefix.length);
  return toBase64(await hmacSha256(secret, data));
}

export type ZendeskMapping =
  | { ok: true; events: SlaEvent[]; ignored: Record<string, number> }
  | { ok: false; error: string };

// Rendered placeholders are strings; an unknown placeholder renders empty, which means "absent".
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const idText = z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const optionalId = z.preprocess(blankToUndefined, idText.optional());
const isoTime = z.string().transform((text, ctx) => {
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) ? Date.parse(text) : Number.NaN;
  if (Number.isFinite(ms)) return ms;
  ctx.addIssue({ code: "custom", message: "expected ISO-8601 with an offset (2026-03-02T09:00:00Z)" });
  return z.NEVER;
});
const flag = z.preprocess(
  blankToUndefined,
  z.union([z.boolean(), z.enum(["true", "false"]).transform((text) => text === "true")]).optional(),
);

interface Ticket {
  conversation: string;
  account: string;
  requester: string | undefined;
  /** The ticket's tags and priority (lowercased), for policies to match on. */
  tags: string[];
  priority: string | undefined;
}

const user = (id: string) => `zendesk-user-${id}`;

function message(
  t: Ticket,
  m: { id: string; direction: Direction; author: string; at: number; text: string | null },
): MessageEvent {
  return {
    type: "message",
    source: ZENDESK_SOURCE,
    ...m,
    account: t.account,
    inReplyTo: null,
    links: [],
    conversation: t.conversation,
    automated: false,
    ...(t.tags.length > 0 ? { tags: t.tags } : {}),
    ...(t.priority ? { priority: t.priority } : {}),
  };
}

// Deterministic id, so a redelivered status change is a duplicate.
function action(t: Ticket, type: "resolve" | "reopen", at: number, actor?: string): ThreadActionEvent {
  const author = actor ? user(actor) : null;
  const base = { source: ZENDESK_SOURCE, at, author, inReplyTo: null, conversation: t.conversation };
  return { type, id: `${t.conversation}-${type}-${at}`, ...base };
}

/**
 * A comment by the requester is the customer's; any other author is an agent unless Zendesk says the author
 * is not staff (a CC'd colleague of the customer). Null when neither is known.
 */
function commentDirection(author: string, requester: string | undefined, isStaff: boolean | undefined) {
  if (author === requester) return "inbound";
  if (isStaff !== undefined) return isStaff ? "outbound" : "inbound";
  return requester === undefined ? null : "outbound";
}

/** `solved`/`closed` from an open state resolves; `solved` back to an open state reopens. */
export function statusAction(previous: string | undefined, current: string): "resolve" | "reopen" | null {
  const done = (status: string | undefined) => status === "solved" || status === "closed";
  const [p, c] = [previous?.toLowerCase(), current.toLowerCase()];
  if (done(c) && !done(p)) return "resolve";
  if (p === "solved" && ["new", "open", "pending", "hold"].includes(c)) return "reopen";
  return null;
}

const ok = (events: SlaEvent[], ignored: Record<string, number> = {}): ZendeskMapping => ({
  ok: true,
  events,
  ignored,
});
const ignore = (kind: string) => ok([], { [kind]: 1 });
const fail = (error: string): ZendeskMapping => ({ ok: false, error });

const envelopeSchema = z.object({ type: z.string(), time: isoTime.optional() });
// A ticket's priority ("High", "urgent") and tags (a list, or space-separated as placeholders render them).
const priorityText = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(64)
    .transform((text) => text.toLowerCase())
    .optional(),
);
const tagList = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/\s+/) : (blankToUndefined(value) ?? [])),
  z
    .array(z.string().max(64))
    .max(50)
    .transform((tags) => [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))]),
);

const detailSchema = z.object({
  id: idText,
  requester_id: optionalId,
  actor_id: optionalId,
  brand_id: optionalId,
  created_at: isoTime.optional(),
  description: z.string().nullish(),
  priority: priorityText,
  tags: tagList,
});
const commentSchema = z.object({
  id: idText,
  body: z.string().nullish(),
  is_public: flag,
  author: z.object({ id: idText, is_staff: flag }),
});
const statusSchema = z.object({ previous: z.string().nullish(), current: z.string() });

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): { value: T } | { error: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  const where = (issue: z.core.$ZodIssue) =>
    [path, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
  return { error: parsed.error.issues.map((issue) => `${where(issue)}: ${issue.message}`).join("; ") };
}

/** Maps a verified delivery (parsed JSON) to events; a problem naming the field when it cannot. */
export function mapZendeskDelivery(body: unknown): ZendeskMapping {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return fail("body: expected a JSON object");
  const record = body as Record<string, unknown>;
  if (typeof record.type === "string" && record.type.startsWith(EVENT_PREFIX)) return mapEvent(record);
  if ("ticket_id" in record) return mapTrigger(record);
  return fail(
    `body: neither a Zendesk event (type "${EVENT_PREFIX}...") nor the trigger template (ticket_id, event); see README: Zendesk`,
  );
}

function mapEvent(record: Record<string, unknown>): ZendeskMapping {
  const envelope = parse(envelopeSchema, record, "");
  if ("error" in envelope) return fail(envelope.error);
  const kind = envelope.value.type.slice(EVENT_PREFIX.length);
  if (!["ticket.created", "ticket.comment_added", "ticket.status_changed"].includes(kind)) {
    return ignore(envelope.value.type);
  }
  const detail = parse(detailSchema, record.detail, "detail");
  if ("error" in detail) return fail(detail.error);
  const d = detail.value;
  const ticket: Ticket = {
    conversation: `ticket-${d.id}`,
    account: d.brand_id ? `zendesk-brand-${d.brand_id}` : ZENDESK_SOURCE,
    requester: d.requester_id,
    tags: d.tags,
    priority: d.priority,
  };
  const at = envelope.value.time ?? d.created_at;
  const event = (record.event ?? {}) as Record<string, unknown>;
  if (kind === "ticket.created") {
    if (!d.requester_id) return fail("detail.requester_id: required for ticket.created");
    const opened = d.created_at ?? at;
    if (opened === undefined) return fail("detail.created_at: required for ticket.created");
    const text = d.description ?? null;
    return ok([
      message(ticket, {
        id: ticket.conversation,
        direction: "inbound",
        author: user(d.requester_id),
        at: opened,
        text,
      }),
    ]);
  }
  if (at === undefined) return fail("time: required");
  if (kind === "ticket.status_changed") {
    const status = parse(statusSchema, event, "event");
    if ("error" in status) return fail(status.error);
    const type = statusAction(status.value.previous ?? undefined, status.value.current);
    return type ? ok([action(ticket, type, at, d.actor_id)]) : ignore("status_change");
  }
  const comment = parse(commentSchema, event.comment, "event.comment");
  if ("error" in comment) return fail(comment.error);
  const c = comment.value;
  // Zendesk also reports the ticket's first comment (its description): the same message as ticket.created.
  const opening =
    c.author.id === d.requester_id && Boolean(c.body?.trim()) && c.body?.trim() === d.description?.trim();
  return mapComment(ticket, {
    id: opening ? ticket.conversation : c.id,
    author: c.author.id,
    isStaff: c.author.is_staff,
    isPublic: c.is_public,
    at: opening ? (d.created_at ?? at) : at,
    text: c.body ?? null,
  });
}

function mapComment(
  ticket: Ticket,
  c: {
    id: string;
    author: string;
    isStaff?: boolean | undefined;
    isPublic?: boolean | undefined;
    at: number;
    text: string | null;
  },
): ZendeskMapping {
  // An internal note is agents talking among themselves: the customer never sees it, so it answers nothing.
  if (c.isPublic === false) return ignore("internal_note");
  const direction = commentDirection(c.author, ticket.requester, c.isStaff);
  if (!direction)
    return fail("detail.requester_id: required to tell the customer's comments from the agents'");
  return ok([message(ticket, { id: c.id, direction, author: user(c.author), at: c.at, text: c.text })]);
}

const triggerSchema = z.object({
  ticket_id: idText,
  event: z.enum(["created", "comment", "solved", "reopened"]),
  at: isoTime,
  requester_id: optionalId,
  comment_id: optionalId,
  author_id: optionalId,
  is_public: flag,
  brand: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200).optional()),
  text: z.string().nullish(),
  priority: priorityText,
  tags: tagList,
});

/** The README's trigger template: one body for every trigger, only `event` differs. */
function mapTrigger(record: Record<string, unknown>): ZendeskMapping {
  const parsed = parse(triggerSchema, record, "");
  if ("error" in parsed) return fail(parsed.error);
  const b = parsed.value;
  const ticket: Ticket = {
    conversation: `ticket-${b.ticket_id}`,
    account: b.brand ?? ZENDESK_SOURCE,
    requester: b.requester_id,
    tags: b.tags,
    priority: b.priority,
  };
  const text = b.text ?? null;
  if (b.event === "solved") return ok([action(ticket, "resolve", b.at)]);
  if (b.event === "reopened") return ok([action(ticket, "reopen", b.at)]);
  if (!b.requester_id) return fail(`requester_id: required for event ${b.event}`);
  if (b.event === "created") {
    const author = user(b.requester_id);
    return ok([message(ticket, { id: ticket.conversation, direction: "inbound", author, at: b.at, text })]);
  }
  if (!b.comment_id) return fail("comment_id: required for event comment");
  if (!b.author_id) return fail("author_id: required for event comment");
  return mapComment(ticket, { id: b.comment_id, author: b.author_id, isPublic: b.is_public, at: b.at, text });
}
