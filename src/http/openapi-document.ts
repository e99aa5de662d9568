import { z } from "zod";
import { listQuery } from "./alerts-routes.js";
import { conversationsQuery } from "./conversations-routes.js";
import { goalsQuery } from "./goals-routes.js";
import { metricsQuery } from "./metrics-routes.js";
import { componentSchemas, jsonResponse, ref } from "./openapi-components.js";
import { reportPaths } from "./openapi-report-paths.js";
import { toolPaths } from "./openapi-tool-paths.js";
import type { JsonSchema, OpenApiDocument, Operation, Parameter } from "./openapi-types.js";
import { policiesQuery } from "./policies-routes.js";
import { statusQuery } from "./status-routes.js";

const BEARER = [{ bearerAuth: [] }];

/** Descriptions of query parameters by name; the names, types and limits come from the zod schemas. */
const PARAMS: Record<string, string> = {
  account: "only this brand account",
  source: "only this source",
  limit: "most items per list",
  now: "measure at this time instead of the current one (ISO-8601 or epoch ms)",
  from: "conversations started at or after (ISO-8601 or epoch ms)",
  to: "conversations started before (ISO-8601 or epoch ms)",
  group_by:
    "one group per account, source, UTC day, account tag, agent (first responder), or hour or weekday of the start (in tz)",
  tz: "IANA time zone of the hour and weekday groups (default SLA_SUMMARY_TZ)",
  status: "delivery state",
  level: "alert level",
  state:
    "open or breaching (unanswered and unresolved, before or after the deadline), answered (in time or late), resolved (without an answer)",
  cursor: "the next_cursor of the previous page",
  history: "true: also every stored version of every policy",
};

/** The query parameters of a route, from the zod schema that validates its query string. */
function queryParameters(schema: z.ZodType): Parameter[] {
  const json = z.toJSONSchema(schema, { io: "input" });
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(PARAMS[name] ? { description: PARAMS[name] } : {}),
    schema: typeof property === "boolean" ? {} : (property as JsonSchema),
  }));
}

const json = jsonResponse;
const error = (description: string) => json(ref("ErrorBody"), description);
const badQuery = error("a query parameter is wrong (the error names it)");
const unauthorized = error("no valid bearer token");

const SAMPLE_EVENT = {
  id: "m1",
  source: "x",
  direction: "inbound",
  author: "jane_doe",
  at: "2026-03-02T09:00:00Z",
  text: "@AcmeHelp my parcel is late",
};

const postEvents: Operation = {
  operationId: "postEvents",
  summary: "Ingest messages and thread actions",
  description:
    "One JSON event, a JSON array of events, or NDJSON (one event per line). Valid items are stored even when others are rejected; the answer comes after the commit.",
  tags: ["events"],
  security: BEARER,
  requestBody: {
    required: true,
    content: {
      "application/json": {
        schema: { anyOf: [ref("Event"), { type: "array", items: ref("Event") }] },
        example: SAMPLE_EVENT,
      },
      "application/x-ndjson": {
        schema: { type: "string", description: "one Event as JSON per line" },
        example: `${JSON.stringify(SAMPLE_EVENT)}\n`,
      },
    },
  },
  responses: {
    "200": json(ref("EventsResult"), "something was accepted; one result per item"),
    "400": json(ref("EventsError"), "nothing was accepted, or the body is not valid JSON"),
    "401": unauthorized,
    "413": error("body larger than SLA_MAX_BODY_BYTES or more than SLA_MAX_BATCH_ITEMS events"),
  },
};

const withTags = (tags: string[], operation: Omit<Operation, "tags">) => ({ get: { tags, ...operation } });
const get = (operation: Omit<Operation, "tags">) => ({ get: { tags: ["read"], ...operation } });

let cached: OpenApiDocument | null = null;

/** The OpenAPI 3.1 document of the HTTP API, built once from the request schemas. */
export function openApiDocument(): OpenApiDocument {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "SLA monitor",
      version: "0.1.0",
      description:
        'Measures how fast customer conversations are answered against SLA policies (first response, next response, resolution) on business-hours calendars, and alerts before and when a deadline passes. Errors are JSON {"error": "field: what is wrong"}.',
    },
    tags: [
      { name: "events", description: "writing messages" },
      { name: "read", description: "status, metrics, goals, conversations and policies" },
      { name: "alerts", description: "breach alerts" },
      { name: "tools", description: "documentation, monitoring and probes" },
    ],
    paths: {
      "/v1/events": { post: postEvents },
      "/v1/status": get({
        operationId: "getStatus",
        summary: "What needs an answer now",
        parameters: queryParameters(statusQuery),
        responses: {
          "200": json(ref("Status"), "counts, queues, goals and alert delivery"),
          "400": badQuery,
        },
      }),
      "/v1/metrics": get({
        operationId: "getMetrics",
        summary: "The metric set of conversations started in [from, to)",
        parameters: queryParameters(metricsQuery),
        responses: { "200": json(ref("Metrics"), "groups and total"), "400": badQuery },
      }),
      "/v1/goals": get({
        operationId: "getGoals",
        summary: "Each goal with its value, progress, projection at the deadline and verdict",
        parameters: queryParameters(goalsQuery),
        responses: { "200": json(ref("Goals"), "the goals in configured order"), "400": badQuery },
      }),
      "/v1/alerts": withTags(["alerts"], {
        operationId: "listAlerts",
        summary: "Alerts, newest first, with their delivery state",
        parameters: queryParameters(listQuery),
        responses: { "200": json(ref("AlertList"), "the alerts"), "400": badQuery },
      }),
      "/v1/alerts/{id}/ack": {
        post: {
          operationId: "ackAlert",
          summary: "Acknowledge a breach or escalation (it does not escalate)",
          tags: ["alerts"],
          security: BEARER,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          requestBody: { required: true, content: { "application/json": { schema: ref("AckBody") } } },
          responses: {
            "200": json(ref("AckResult"), "acknowledged (the first acknowledgement is kept)"),
            "400": error("bad id or body"),
            "401": unauthorized,
            "404": error("no such alert"),
            "409": error("the alert is a warning or a late-answer notice"),
          },
        },
      },
      "/v1/conversations": get({
        operationId: "listConversations",
        summary: "Conversations newest first, with their deadlines and state, paged",
        parameters: queryParameters(conversationsQuery),
        responses: {
          "200": json(ref("ConversationList"), "a page of conversations and the cursor of the next"),
          "400": badQuery,
        },
      }),
      "/v1/conversations/{id}": get({
        operationId: "getConversation",
        summary: "One conversation with its policy, target clocks, messages and alerts",
        description:
          "Each target clock lists the calendar segments (counted, closed, holiday) between its start and its deadline, so the deadline can be explained.",
        parameters: [
          { name: "id", in: "path", required: true, description: "e.g. x:1234", schema: { type: "string" } },
        ],
        responses: {
          "200": json(ref("Conversation"), "the conversation"),
          "404": error("no such conversation"),
        },
      }),
      "/v1/policies": get({
        operationId: "listPolicies",
        summary: "The SLA policies in force, in matching order, with their calendars",
        parameters: queryParameters(policiesQuery),
        responses: { "200": json(ref("Policies"), "the policies"), "400": badQuery },
      }),
      ...reportPaths(queryParameters),
      ...toolPaths(),
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Authorization: Bearer <token>; `npm run sla -- token create` prints a new token.",
        },
      },
      schemas: componentSchemas(),
    },
  };
  return cached;
}
