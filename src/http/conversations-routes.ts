import { Hono } from "hono";
import { z } from "zod";
import { getConversationDetail } from "../services/conversation-detail.js";
import { decodeCursor, listConversations } from "../services/conversation-list.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";
import { accountFilter, instant, parseQuery } from "./query.js";

/** Query of `GET /v1/conversations` (also the source of its OpenAPI parameters). */
export const conversationsQuery = z
  .object({
    account: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    state: z.enum(["open", "breaching", "answered", "resolved"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .transform((value, ctx) => {
        const cursor = decodeCursor(value);
        if (!cursor) {
          ctx.addIssue({ code: "custom", message: "expected the next_cursor of a previous page" });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    now: instant.optional(),
  })
  .strict();

/**
 * `GET /v1/conversations`: conversations newest first with their deadlines and state, paged;
 * `GET /v1/conversations/{id}`: one conversation, its policy and why each deadline falls where it does.
 */
export function conversationsRoutes() {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const { db, config, clock } = c.var.deps;
      const q = parseQuery(c, conversationsQuery);
      return c.json(
        await listConversations(db, {
          now: q.now ?? clock(),
          windowMs: config.policies.windowMs,
          limit: q.limit,
          ...(await accountFilter(c, q.account)),
          ...(q.source ? { source: q.source } : {}),
          ...(q.state ? { state: q.state } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
        }),
      );
    })
    .get("/:id", async (c) => {
      const { db, policies, clock } = c.var.deps;
      const id = c.req.param("id");
      const detail = await getConversationDetail(db, policies, id, clock());
      if (!detail) return errorBody(c, 404, `id: no conversation ${id}`);
      return c.json(detail);
    });
}
