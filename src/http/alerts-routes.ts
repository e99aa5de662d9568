import { Hono } from "hono";
import { z } from "zod";
import { describeIssues } from "../ingest/api-event.js";
import { acknowledgeBreach, findAlert, listAlerts } from "../storage/alert-queries.js";
import { requireToken } from "./auth.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";
import { accountFilter, parseQuery } from "./query.js";

/** Query of `GET /v1/alerts` (also the source of its OpenAPI parameters). */
export const listQuery = z
  .object({
    status: z.enum(["pending", "sent", "failed"]).optional(),
    level: z.enum(["warning", "breach", "escalation", "answered_late"]).optional(),
    account: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** Body of `POST /v1/alerts/{id}/ack` (also the source of its OpenAPI request schema). */
export const ackBody = z.object({ by: z.string().trim().min(1).max(200) });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `GET /v1/alerts` lists alerts with their delivery state; `POST /v1/alerts/{id}/ack` stops an escalation. */
export function alertsRoutes() {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const q = parseQuery(c, listQuery);
      const rows = await listAlerts(c.var.deps.db, {
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.level ? { level: q.level } : {}),
        ...(await accountFilter(c, q.account)),
      });
      return c.json({
        alerts: rows.map((row) => ({
          id: row.id,
          conversation_id: row.conversationId,
          target: row.target,
          level: row.level,
          account: row.account,
          source: row.source,
          point_at: iso(row.pointAt),
          created_at: iso(row.createdAt),
          status: row.status,
          recipients: row.recipients ? row.recipients.split(",") : [],
          attempts: row.attempts,
          last_error: row.lastError,
          sent_at: iso(row.sentAt),
          acknowledged_at: iso(row.acknowledgedAt),
          acknowledged_by: row.acknowledgedBy,
        })),
      });
    })
    .post("/:id/ack", requireToken, async (c) => {
      const id = Number(c.req.param("id"));
      if (!Number.isSafeInteger(id) || id <= 0) return errorBody(c, 400, "id: expected a positive integer");
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        return errorBody(c, 400, 'body: expected JSON like {"by": "jane"}');
      }
      const body = ackBody.safeParse(json);
      if (!body.success) return errorBody(c, 400, describeIssues(body.error));
      const { db, clock } = c.var.deps;
      const found = await findAlert(db, id);
      if (!found) return errorBody(c, 404, `id: no alert ${id}`);
      if (found.level !== "breach" && found.level !== "escalation") {
        return errorBody(
          c,
          409,
          `id: alert ${id} is a ${found.level}; only breaches and escalations are acknowledged`,
        );
      }
      const alert = await acknowledgeBreach(db, found.conversationId, found.target, body.data.by, clock());
      return c.json({
        id,
        conversation_id: found.conversationId,
        acknowledged_at: iso(alert?.acknowledgedAt ?? null),
        acknowledged_by: alert?.acknowledgedBy ?? null,
      });
    });
}
