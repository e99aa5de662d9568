import { z } from "zod";
import { apiEventSchema } from "../ingest/api-event.js";
import { ackBody } from "./alerts-routes.js";
import * as conversations from "./openapi-conversations.js";
import * as goals from "./openapi-goals.js";
import * as policies from "./openapi-policies.js";
import * as resources from "./openapi-resources.js";
import * as responses from "./openapi-responses.js";
import type { JsonSchema, ResponseObject } from "./openapi-types.js";

const REF = (id: string) => `#/components/schemas/${id}`;

/** Field descriptions of an event (README: `POST /v1/events`), added to the schema zod generates. */
const EVENT_FIELDS: Record<string, string> = {
  id: "the source's message id; (source, id) identifies a message",
  source: "the network or channel: x, instagram, email, ...",
  type: "message, resolve or reopen",
  direction: "inbound (customer) or outbound (brand); required for a message",
  author: "who wrote it; required for a message",
  at: "ISO-8601 with an offset (2026-03-02T09:00:00Z) or epoch milliseconds, years 2000 to 2099",
  account: "the brand account the message belongs to",
  in_reply_to: "the id of the message this one answers (same source)",
  links: "other message ids of the same thread",
  conversation: "an explicit thread id (a ticket, a DM channel)",
  text: "the message text",
  automated: "an auto-acknowledgement or bot message: never a response",
};

/** Converts a registry of zod schemas, keeping cross references as OpenAPI component refs. */
function convert(entries: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: REF });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // `$schema` and `$id` are implied by the OpenAPI document and would make some tools re-base the refs.
    const { $schema: _schema, $id: _id, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}

/**
 * What zod cannot express in JSON Schema, added by hand: the case-insensitive `source` pattern (JSON
 * Schema patterns have no flags), the rule of `superRefine` (a message needs direction and author, a
 * resolve or reopen names its thread), and the field descriptions.
 */
function completeEvent(event: JsonSchema): JsonSchema {
  const properties = { ...(event.properties as Record<string, JsonSchema>) };
  for (const [name, description] of Object.entries(EVENT_FIELDS)) {
    const field = properties[name];
    if (field) properties[name] = { ...field, description };
  }
  if (properties.source)
    properties.source = { ...properties.source, pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$" };
  return {
    ...event,
    description: "One event: a message, or a resolve or reopen of a thread.",
    properties,
    anyOf: [
      { properties: { type: { const: "message" } }, required: ["direction", "author"] },
      {
        properties: { type: { enum: ["resolve", "reopen"] } },
        required: ["type"],
        anyOf: [{ required: ["in_reply_to"] }, { required: ["conversation"] }],
      },
    ],
  };
}

/** The schemas of the document: request bodies from the zod schemas that validate them, then responses. */
export function componentSchemas(): Record<string, JsonSchema> {
  const requests = convert({ Event: apiEventSchema, AckBody: ackBody }, "input");
  const { Event, ...otherRequests } = requests;
  return {
    ...(Event ? { Event: completeEvent(Event) } : {}),
    ...otherRequests,
    ...convert({ ...responses, ...resources, ...conversations, ...policies, ...goals }, "output"),
  };
}

/** A `$ref` to a component schema. */
export function ref(id: string): JsonSchema {
  return { $ref: REF(id) };
}

/** A JSON answer with this schema. */
export function jsonResponse(schema: JsonSchema, description: string): ResponseObject {
  return { description, content: { "application/json": { schema } } };
}
