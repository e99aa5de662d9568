import { jsonResponse, ref } from "./openapi-components.js";
import type { OpenApiDocument, ResponseObject } from "./openapi-types.js";

/** The tool endpoints: probes, Prometheus metrics, this document and its page. */
export function toolPaths(): OpenApiDocument["paths"] {
  const text = (description: string): ResponseObject => ({
    description,
    content: { "text/plain": { schema: { type: "string" } } },
  });
  const tools = (operationId: string, summary: string, responses: Record<string, ResponseObject>) => ({
    get: { operationId, summary, tags: ["tools"], responses },
  });
  return {
    "/healthz": tools("getHealth", "The process is up", { "200": jsonResponse(ref("Health"), "up") }),
    "/readyz": tools("getReady", "The database answers and its migrations are applied", {
      "200": jsonResponse(ref("Ready"), "ready"),
      "503": jsonResponse(ref("Ready"), "not ready, with the reason"),
    }),
    "/metrics": tools("getPrometheusMetrics", "Prometheus metrics (text exposition format 0.0.4)", {
      "200": text("gauges, counters and the TTFR histogram"),
    }),
    "/openapi.json": tools("getOpenApi", "This OpenAPI document", {
      "200": jsonResponse({ type: "object" }, "OpenAPI 3.1"),
    }),
    "/docs": tools("getDocs", "Interactive documentation of this API", {
      "200": { description: "an HTML page", content: { "text/html": { schema: { type: "string" } } } },
    }),
  };
}
