import { Hono } from "hono";
import { z } from "zod";
import { metricJson } from "../services/metric-json.js";
import { GROUP_BY, queryMetrics } from "../services/metrics.js";
import type { AppEnv } from "./deps.js";
import { accountFilter, instant, parseQuery, timeZone } from "./query.js";

/** Query of `GET /v1/metrics` (also the source of its OpenAPI parameters). */
export const metricsQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    now: instant.optional(),
    account: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    group_by: z.enum(GROUP_BY).optional(),
    tz: timeZone.optional(),
  })
  .strict();

/** `GET /v1/metrics`: the metric set of conversations started in `[from, to)`. */
export function metricsRoutes() {
  return new Hono<AppEnv>().get("/", async (c) => {
    const { db, config, clock } = c.var.deps;
    const q = parseQuery(c, metricsQuery);
    const now = q.now ?? clock();
    const zone = q.tz ?? config.timeZone;
    const breakdown = { accountTags: config.accountTags, timeZone: zone };
    const query = {
      now,
      ...(q.from !== undefined ? { from: q.from } : {}),
      ...(q.to !== undefined ? { to: q.to } : {}),
      ...(await accountFilter(c, q.account)),
      ...(q.source ? { source: q.source } : {}),
      ...(q.group_by ? { groupBy: q.group_by } : {}),
    };
    const result = await queryMetrics(db, config.policies.windowMs, query, breakdown);
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return c.json({
      now: new Date(now).toISOString(),
      from: iso(q.from),
      to: iso(q.to),
      target_ms: config.targetMs,
      window_ms: config.policies.windowMs,
      group_by: q.group_by ?? null,
      time_zone: zone,
      groups: result.groups.map((group) => ({ key: group.key, ...metricJson(group.metrics) })),
      total: metricJson(result.total),
    });
  });
}
