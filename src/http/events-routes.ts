import { Hono } from "hono";
import { ingestItems } from "../services/ingest.js";
import { requireToken } from "./auth.js";
import { limitBodySize } from "./body-size.js";
import type { AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";
import { readEventsBody } from "./events-body.js";

/** `POST /v1/events`: one JSON event, a JSON array of events, or NDJSON. */
export function eventsRoutes(maxBodyBytes: number) {
  return new Hono<AppEnv>().post("/", requireToken, limitBodySize(maxBodyBytes), async (c) => {
    const { writer, config } = c.var.deps;
    const body = readEventsBody(c.req.header("content-type"), await c.req.text());
    if (!body.ok) return errorBody(c, 400, body.message);
    if (body.items.length === 0) return errorBody(c, 400, "body: no events");
    if (body.items.length > config.maxBatchItems) {
      return errorBody(
        c,
        413,
        `body: ${body.items.length} events; at most ${config.maxBatchItems} per request`,
      );
    }
    const summary = await ingestItems(writer, body.items);
    const accepted = summary.stored + summary.duplicates;
    if (accepted === 0 && summary.rejected > 0) {
      const first = summary.results.find((result) => result.reason)?.reason ?? "rejected";
      const error = body.single ? first : `every event was rejected; first: ${first}`;
      return c.json({ error, ...summary }, 400);
    }
    return c.json(summary, 200);
  });
}
