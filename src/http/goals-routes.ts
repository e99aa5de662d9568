import { Hono } from "hono";
import { z } from "zod";
import { goalJson } from "../services/goal-json.js";
import { getGoalReport } from "../services/goals.js";
import type { AppEnv } from "./deps.js";
import { instant, parseQuery } from "./query.js";

/** Query of `GET /v1/goals` (also the source of its OpenAPI parameters). */
export const goalsQuery = z.object({ now: instant.optional() }).strict();

/** `GET /v1/goals`: each configured goal with its value, progress, projection and verdict. */
export function goalsRoutes() {
  return new Hono<AppEnv>().get("/", async (c) => {
    const { db, config, clock } = c.var.deps;
    const q = parseQuery(c, goalsQuery);
    const now = q.now ?? clock();
    const report = await getGoalReport(db, config, now);
    return c.json({
      now: new Date(now).toISOString(),
      time_zone: config.timeZone,
      goals: report.map(goalJson),
    });
  });
}
