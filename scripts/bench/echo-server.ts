/**
 * Child entry point: the baseline for `http-ingest`, a bare Hono app on @hono/node-server that reads the
 * JSON body of `POST /v1/events` and answers it. Everything the real service does beyond this (auth,
 * validation, storage, deriving conversations) is what the ratio measures.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { reportToParent } from "./child-process.js";

const app = new Hono();
app.post("/v1/events", async (c) => c.json(await c.req.json()));

const server = serve({ fetch: app.fetch, port: 0 }, (info) => {
  reportToParent({ ready: true, url: `http://localhost:${info.port}` });
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
