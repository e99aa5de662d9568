import { z } from "zod";
import { exportConversationsQuery, exportMetricsQuery } from "./export-routes.js";
import { jsonResponse, ref } from "./openapi-components.js";
import type { JsonSchema, OpenApiDocument, Parameter, ResponseObject } from "./openapi-types.js";
import { whatIfBody } from "./what-if-routes.js";

const count = z.number().int().nonnegative();
const nullableMs = z.number().int().nullable();
const attainment = z.object({ due: count, within: count, attainment: z.number().nullable() });

/** A row of `report --json` (the answer is written by hand after the report; it validates nothing). */
const reportRow = z.object({
  account: z.string(),
  conversations: count,
  responded: count,
  due: count,
  within_target: count,
  resolved: count,
  fcr_resolved: count,
  response_rate: z.number().nullable(),
  attainment: z.number().nullable(),
  fcr_rate: z.number().nullable(),
  ttfr_p50_ms: nullableMs,
  ttfr_p90_ms: nullableMs,
  ttfr_p95_ms: nullableMs,
  ttfr_business_p50_ms: nullableMs,
  ttfr_business_p90_ms: nullableMs,
  ttfr_business_p95_ms: nullableMs,
  targets: z.object({ first_response: attainment, next_response: attainment, resolution: attainment }),
});

const report = z.object({
  now: z.string().describe("ISO-8601 instant (UTC)"),
  target_ms: count,
  window_ms: count,
  accounts: z.array(reportRow),
  total: reportRow,
});

const whatIfResult = z.object({
  current: report.describe("the stored conversations, each as measured under its policy"),
  what_if: report.describe("every thread derived again under the given parameters"),
});

/** A zod schema as an inline JSON Schema of the document. */
function inline(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

const error = (description: string) => jsonResponse(ref("ErrorBody"), description);
const csv = (description: string): ResponseObject => ({
  description,
  content: { "text/csv": { schema: { type: "string" } } },
});

/**
 * The what-if and export endpoints; `queryParameters` turns a query's zod schema into the document's
 * parameters (the document's own helper, so they read like the others).
 */
export function reportPaths(queryParameters: (schema: z.ZodType) => Parameter[]): OpenApiDocument["paths"] {
  return {
    "/v1/what-if": {
      post: {
        operationId: "postWhatIf",
        summary: "The metric set under another target, window or calendar, beside the current one",
        description:
          "Derives every stored thread again in memory under the given first-response target (for every " +
          "policy), window and calendar (for every policy), changing nothing stored; `current` measures the " +
          "stored conversations. Needs the read scope (a read, though posted: the body carries a calendar). " +
          "One runs at a time (503 while another does).",
        tags: ["read"],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: inline(whatIfBody, "input"),
              example: {
                target: "1h",
                calendar: { zone: "Europe/Berlin", hours: { mon: ["09:00-17:00"], fri: ["09:00-15:00"] } },
              },
            },
          },
        },
        responses: {
          "200": jsonResponse(inline(whatIfResult, "output"), "both reports, in the format of report --json"),
          "400": error("a field is wrong (the error names it)"),
          "503": error("another what-if is running, or this one ran past SLA_REQUEST_TIMEOUT"),
        },
      },
    },
    "/v1/export/conversations.csv": {
      get: {
        operationId: "exportConversations",
        summary: "Every matching conversation as CSV, streamed",
        description:
          "RFC 4180 with a header row; times ISO-8601 UTC; state and resolved as at `now`. A text cell " +
          "starting with = + - @, tab or CR gets a leading single quote, so spreadsheets do not run it.",
        tags: ["read"],
        parameters: queryParameters(exportConversationsQuery),
        responses: { "200": csv("one row per conversation, oldest start first"), "400": error("bad query") },
      },
    },
    "/v1/export/metrics.csv": {
      get: {
        operationId: "exportMetrics",
        summary: "The report rows as CSV: one per account, then the total",
        tags: ["read"],
        parameters: queryParameters(exportMetricsQuery),
        responses: { "200": csv("the metric set per account and in total (all)"), "400": error("bad query") },
      },
    },
  };
}
