/**
 * Child entry point: the baseline of the HTTP benchmarks, a bare Hono app on @hono/node-server. It reads
 * the JSON body of `POST /v1/events` and answers it (`http-ingest`), and answers any GET with its path
 * and query (`status`). Everything the real service does beyond this (auth, validation, storage, deriving
 * conversations, queries) is what the ratios measure.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { reportToParent } from "./child-process.js";

const app = new Hono();
app.post("/v1/events", async (c) => c.json(await c.req.json()));
app.get("*", (c) => c.json({ path: c.req.path, query: c.req.query() }));

const server = serve({ fetch: app.fetch, port: 0 }, (info) => {
  reportToParent({ ready: true, url: `http://localhost:${info.port}` });
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
