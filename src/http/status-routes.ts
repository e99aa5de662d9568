import { Hono } from "hono";
import { z } from "zod";
import { getStatus } from "../services/status.js";
import type { AppEnv } from "./deps.js";
import { accountFilter, instant, parseQuery } from "./query.js";

/** Query of `GET /v1/status` (also the source of its OpenAPI parameters). */
export const statusQuery = z
  .object({
    account: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    now: instant.optional(),
  })
  .strict();

/** `GET /v1/status`: what needs an answer now, for agents. */
export function statusRoutes() {
  return new Hono<AppEnv>().get("/", async (c) => {
    const { db, config, clock } = c.var.deps;
    const query = parseQuery(c, statusQuery);
    const status = await getStatus(db, config, {
      now: query.now ?? clock(),
      limit: query.limit,
      ...(await accountFilter(c, query.account)),
      ...(query.source ? { source: query.source } : {}),
    });
    const runner = c.var.deps.alerts;
    const deliveries = await runner.store.deliveryCounts();
    return c.json({
      ...status,
      alerts: {
        delivery: runner.mailer.kind,
        destination: runner.mailer.description,
        pending: deliveries.pending,
        sent: deliveries.sent,
        failed: deliveries.failed,
        last_cycle_at: runner.lastRunAt === null ? null : new Date(runner.lastRunAt).toISOString(),
        last_error: runner.lastError,
      },
    });
  });
}
