import { Hono } from "hono";
import { getConversationDetail } from "../services/conversation-detail.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";

/** `GET /v1/conversations/{id}`: one conversation with its deadline, state, thread messages and alerts. */
export function conversationsRoutes() {
  return new Hono<AppEnv>().get("/:id", async (c) => {
    const { db, policies, clock } = c.var.deps;
    const id = c.req.param("id");
    const detail = await getConversationDetail(db, policies, id, clock());
    if (!detail) return errorBody(c, 404, `id: no conversation ${id}`);
    return c.json(detail);
  });
}
