import { z } from "zod";

// Response bodies of the alert, conversation and probe endpoints, written by hand after their handlers;
// they describe the answers in the OpenAPI document and validate nothing.

const time = z.string().describe("ISO-8601 instant (UTC)");
const count = z.number().int().nonnegative();

const level = z.enum(["warning", "breach", "escalation", "answered_late"]);

/** The answer of `GET /v1/alerts`, newest first. */
export const AlertList = z.object({
  alerts: z.array(
    z.object({
      id: count,
      conversation_id: z.string(),
      target: z.string(),
      level,
      account: z.string(),
      source: z.string(),
      point_at: time,
      created_at: time,
      status: z.enum(["pending", "sent", "failed", "recorded"]),
      recipients: z.array(z.string()),
      attempts: count,
      last_error: z.string().nullable(),
      sent_at: time.nullable(),
      acknowledged_at: time.nullable(),
      acknowledged_by: z.string().nullable(),
    }),
  ),
});

/** The answer of `POST /v1/alerts/{id}/ack`. */
export const AckResult = z.object({
  id: count,
  conversation_id: z.string(),
  acknowledged_at: time.nullable(),
  acknowledged_by: z.string().nullable(),
});

/** The answer of `GET /v1/conversations/{id}`. */
export const Conversation = z.object({
  id: z.string(),
  source: z.string(),
  account: z.string(),
  account_basis: z.enum(["responder", "mention", "ingest", "none"]),
  customer: z.string(),
  state: z.enum(["open", "breaching", "answered", "answered_late", "resolved"]),
  resolved: z.boolean(),
  started_at: time,
  due_at: time,
  target_ms: count,
  first_response_at: time.nullable(),
  ttfr_ms: count.nullable(),
  touches: count,
  messages: z.array(
    z.object({
      id: z.string(),
      type: z.enum(["message", "resolve", "reopen"]),
      direction: z.enum(["inbound", "outbound"]).nullable(),
      author: z.string().nullable(),
      at: time,
      text: z.string().nullable(),
      automated: z.boolean(),
      in_reply_to: z.string().nullable(),
    }),
  ),
  alerts: z.array(
    z.object({
      id: count,
      level,
      point_at: time,
      created_at: time,
      acknowledged_at: time.nullable(),
      acknowledged_by: z.string().nullable(),
    }),
  ),
});

/** The answer of `GET /healthz`: the process is up. */
export const Health = z.object({ ok: z.literal(true) });

/** The answer of `GET /readyz`: 200 with the migrations count, or 503 with the reason. */
export const Ready = z.union([
  z.object({ ok: z.literal(true), migrations: count }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
