import { z } from "zod";

// Response bodies of the alert and probe endpoints, written by hand after their handlers;
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
      target: z.string().describe("first_response, resolution or next_response@<ISO start of the follow-up>"),
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

/** The answer of `GET /healthz`: the process is up. */
export const Health = z.object({ ok: z.literal(true) });

/** The answer of `GET /readyz`: 200 with the migrations count, or 503 with the reason. */
export const Ready = z.union([
  z.object({ ok: z.literal(true), migrations: count }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
