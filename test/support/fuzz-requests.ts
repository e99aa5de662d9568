/**
 * Random requests to every endpoint, for the property tests and `scripts/fuzz-endpoints.ts`: bodies from
 * `arbitraries.ts`, webhook deliveries mutated from the real fixtures and signed with the test secrets
 * (so the mapping code is reached), unsigned or wrongly signed ones, and GETs with random query strings.
 */
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { Database } from "better-sqlite3";
import fc from "fast-check";
import {
  deepNesting,
  FUZZ_NOW,
  hostileString,
  invalidUtf8,
  mutatedEvent,
  mutateJson,
  ndjsonBody,
  queryString,
  rejectedEvent,
  validEvent,
} from "./arbitraries.js";
import { TEST_TOKEN } from "./test-service.js";

/** The fuzzed service: secrets so that signed deliveries pass verification; no rate limit, no request log. */
export const FUZZ_ENV = {
  // Thousands of requests from one test client are the point, not abuse to refuse.
  SLA_RATE_LIMIT: "off",
  SLA_LOG_LEVEL: "silent",
  X_CONSUMER_SECRET: "fuzz-x-secret",
  META_APP_SECRET: "fuzz-meta-secret",
  META_VERIFY_TOKEN: "fuzz-verify-token",
  ZENDESK_WEBHOOK_SECRET: "fuzz-zendesk-secret",
};

type Signing = "x" | "meta" | "zendesk" | "wrong" | "none";

/** One request: what to send, and how to sign it when sent. */
export interface FuzzRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signing: Signing;
}

const fixtureDir = (network: string) => new URL(`../fixtures/webhooks/${network}/`, import.meta.url);

function fixtures(network: string): unknown[] {
  return readdirSync(fixtureDir(network))
    .filter((name) => name.endsWith(".json") || name.endsWith(".body"))
    .filter((name) => !name.includes("vector"))
    .map((name) => JSON.parse(readFileSync(new URL(name, fixtureDir(network)), "utf8")) as unknown);
}

const ZENDESK_EVENT = {
  type: "zen:event-type:ticket.comment_added",
  account_id: 1,
  id: "e1",
  subject: "zen:ticket:5158",
  time: "2026-03-02T11:00:00Z",
  detail: { id: "5158", requester_id: "100", brand_id: "77", created_at: "2026-03-02T10:00:00Z" },
  event: { comment: { id: "901", body: "hi", is_public: true, author: { id: "200", is_staff: true } } },
};

const encoder = new TextEncoder();
const bytesOf = (body: string | Uint8Array | undefined) =>
  typeof body === "string" ? encoder.encode(body) : (body ?? new Uint8Array());

/** A body for a POST: JSON of a value, raw hostile text, broken UTF-8 or deep nesting. */
function bodyFrom(values: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { arbitrary: values.map((value) => JSON.stringify(value) ?? "null"), weight: 6 },
    { arbitrary: hostileString(), weight: 1 },
    { arbitrary: invalidUtf8, weight: 1 },
    { arbitrary: deepNesting, weight: 1 },
  );
}

const contentType = fc.constantFrom(
  "application/json",
  "application/x-ndjson",
  "application/json; charset=utf-8",
  "text/plain",
  "",
);

/** `POST /v1/events` with any body, content type and token. */
export const eventsRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      bodyFrom(fc.oneof(validEvent, rejectedEvent, mutatedEvent)),
      bodyFrom(fc.array(fc.oneof(validEvent, rejectedEvent, mutatedEvent), { maxLength: 8 })),
      ndjsonBody,
    ),
    contentType,
    fc.constantFrom(
      `Bearer ${TEST_TOKEN}`,
      `Bearer ${TEST_TOKEN}`,
      `Bearer ${TEST_TOKEN}`,
      "Bearer nope",
      "",
    ),
  )
  .map(([body, type, auth]) => ({
    method: "POST",
    path: "/v1/events",
    headers: { "content-type": type, ...(auth ? { authorization: auth } : {}) },
    body,
    signing: "none",
  }));

const segment = fc.oneof(
  fc.integer({ min: -2, max: 1e6 }).map(String),
  hostileString(20).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?"))),
  fc.constantFrom("1e3", "0x10", "9007199254740993", "%", "..", "x:1"),
);

/** `POST /v1/alerts/{id}/ack` with random ids and bodies. */
export const ackRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(segment, bodyFrom(fc.oneof(fc.record({ by: hostileString() }), mutateJson({ by: "jane" }))))
  .map(([id, body]) => ({
    method: "POST",
    path: `/v1/alerts/${id}/ack`,
    headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
    body,
    signing: "none",
  }));

/** A delivery to a webhook, mutated from `seeds`, signed right, wrong or not at all. */
export function webhookRequest(
  network: "x" | "meta" | "zendesk",
  seeds: unknown[],
): fc.Arbitrary<FuzzRequest> {
  const payload = fc.oneof(...seeds.map((seed) => fc.oneof(fc.constant(seed), mutateJson(seed))));
  return fc
    .tuple(bodyFrom(payload), fc.constantFrom<Signing>(network, network, network, "wrong", "none"))
    .map(([body, signing]) => ({
      method: "POST",
      path: `/v1/webhooks/${network}`,
      headers: { "content-type": "application/json" },
      body,
      signing,
    }));
}

const GET_PATHS = [
  "/v1/status",
  "/v1/metrics",
  "/v1/goals",
  "/v1/alerts",
  "/",
  "/dashboard",
  "/docs",
  "/openapi.json",
  "/metrics",
  "/healthz",
  "/readyz",
  "/v1/webhooks/x",
  "/v1/webhooks/meta",
];

/** A GET of any page or read endpoint with random ids and query strings. */
export const getRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...GET_PATHS),
      segment.map((id) => `/v1/conversations/${id}`),
      segment.map((id) => `/conversations/${id}`),
    ),
    queryString,
  )
  .map(([path, query]) => ({
    method: "GET",
    path: query ? `${path}?${query}` : path,
    headers: {},
    signing: "none",
  }));

/** A request to any endpoint. */
export function anyRequest(): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { arbitrary: eventsRequest, weight: 4 },
    { arbitrary: ackRequest, weight: 1 },
    { arbitrary: webhookRequest("x", fixtures("x")), weight: 2 },
    { arbitrary: webhookRequest("meta", fixtures("meta")), weight: 2 },
    { arbitrary: webhookRequest("zendesk", [...fixtures("zendesk"), ZENDESK_EVENT]), weight: 2 },
    { arbitrary: getRequest, weight: 3 },
  );
}

/** The headers a request is sent with, signed as its network signs (node:crypto, independent of the service). */
export function signedHeaders(request: FuzzRequest): Record<string, string> {
  const body = bytesOf(request.body);
  const hmac = (secret: string, ...parts: Uint8Array[]) => {
    const mac = createHmac("sha256", secret);
    for (const part of parts) mac.update(part);
    return mac;
  };
  const timestamp = new Date(FUZZ_NOW).toISOString();
  switch (request.signing) {
    case "x":
      return {
        ...request.headers,
        "x-twitter-webhooks-signature": `sha256=${hmac(FUZZ_ENV.X_CONSUMER_SECRET, body).digest("base64")}`,
      };
    case "meta":
      return {
        ...request.headers,
        "x-hub-signature-256": `sha256=${hmac(FUZZ_ENV.META_APP_SECRET, body).digest("hex")}`,
      };
    case "zendesk":
      return {
        ...request.headers,
        "x-zendesk-webhook-signature-timestamp": timestamp,
        "x-zendesk-webhook-signature": hmac(
          FUZZ_ENV.ZENDESK_WEBHOOK_SECRET,
          encoder.encode(timestamp),
          body,
        ).digest("base64"),
      };
    case "wrong":
      return {
        ...request.headers,
        "x-twitter-webhooks-signature": "sha256=AAAA",
        "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
        "x-zendesk-webhook-signature-timestamp": timestamp,
        "x-zendesk-webhook-signature": "AAAA",
      };
    case "none":
      return request.headers;
  }
}

/** The `RequestInit` of a request (signed). */
export function requestInit(request: FuzzRequest): RequestInit {
  return {
    method: request.method,
    headers: signedHeaders(request),
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

/** The stored messages and conversations, to compare before and after a request. */
export function snapshot(sqlite: Database): string {
  const messages = sqlite.prepare("SELECT * FROM messages ORDER BY source, id").all();
  const conversations = sqlite.prepare("SELECT * FROM conversations ORDER BY id").all();
  return JSON.stringify({ messages, conversations });
}

/** A short, printable description of a request for failure reports. */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ""
      : typeof request.body === "string"
        ? request.body
        : `bytes[${request.body.length}]`;
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body;
  return `${request.method} ${request.path} [${request.signing}] ${JSON.stringify(request.headers)} ${JSON.stringify(shown)}`;
}
