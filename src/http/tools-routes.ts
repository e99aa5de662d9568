import { Hono } from "hono";
import { PROMETHEUS_CONTENT_TYPE, renderFamilies } from "../services/prometheus-text.js";
import { collectServiceMetrics } from "../services/service-metrics.js";
import type { AppEnv } from "./deps.js";
import { renderDocsPage } from "./docs-page.js";
import { tryTarget } from "./docs-try.js";
import { errorBody } from "./errors.js";
import { openApiDocument } from "./openapi-document.js";

let docsHtml: string | null = null;
const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Endpoints for tools: the OpenAPI document and its docs page, Prometheus metrics and the readiness probe
 * (`GET /healthz` stays in app.ts).
 */
export function toolsRoutes() {
  return new Hono<AppEnv>()
    .get("/openapi.json", (c) => c.json(openApiDocument()))
    .get("/docs", (c) => {
      // The document is static, so the page is rendered once.
      docsHtml ??= renderDocsPage(openApiDocument());
      // The page runs no script and loads nothing: the policy says so, and its forms may only submit to this service.
      c.header("content-security-policy", DOCS_CSP);
      return c.html(docsHtml);
    })
    .get("/docs/try", (c) => {
      const target = tryTarget(openApiDocument(), c.req.query());
      if (!target.ok) return errorBody(c, 400, target.message);
      return c.redirect(target.url, 303);
    })
    .get("/metrics", async (c) => {
      const { db, clock, writer, alerts } = c.var.deps;
      const families = await collectServiceMetrics({
        db,
        now: clock(),
        ingest: writer.counters,
        cycles: alerts,
      });
      return c.body(renderFamilies(families), 200, { "content-type": PROMETHEUS_CONTENT_TYPE });
    })
    .get("/readyz", async (c) => {
      const readiness = await c.var.deps.readiness();
      return c.json(readiness, readiness.ok ? 200 : 503);
    });
}
