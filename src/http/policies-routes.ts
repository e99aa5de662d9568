import { Hono } from "hono";
import { z } from "zod";
import { policyJson } from "../services/policy-json.js";
import type { AppEnv } from "./deps.js";
import { parseQuery } from "./query.js";

/** Query of `GET /v1/policies`. */
export const policiesQuery = z.object({ history: z.enum(["true", "false"]).optional() }).strict();

/**
 * `GET /v1/policies`: the policies in force, in matching order (first match wins), with their calendars
 * and versions; with `history=true`, every version ever stored as well.
 */
export function policiesRoutes() {
  return new Hono<AppEnv>().get("/", (c) => {
    const { policies } = c.var.deps;
    const q = parseQuery(c, policiesQuery);
    const current = policies.current;
    return c.json({
      set: current.id,
      window_ms: current.windowMs,
      policies: current.policies.map(policyJson),
      ...(q.history === "true"
        ? {
            history: policies.versions().map(({ policy, createdAt }) => ({
              ...policyJson(policy),
              created_at: new Date(createdAt).toISOString(),
            })),
          }
        : {}),
    });
  });
}
