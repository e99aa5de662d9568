import { afterEach, describe, expect, it } from "vitest";
import { renderDocsPage } from "../../src/http/docs-page.js";
import type { JsonSchema, OpenApiDocument } from "../../src/http/openapi-types.js";
import { chat, writeBusinessHoursConfig } from "../support/business-hours.js";
import { writeConfig } from "../support/goals-config.js";
import { createTestService } from "../support/test-service.js";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const ago = (minutes: number) => new Date(NOW - minutes * MIN).toISOString();
const HOSTILE = 'evil"acct\\x\n} fake{le="1';
const ask = (id: string, minutesAgo: number, extra: object = {}) => ({
  id,
  direction: "inbound",
  author: `cust-${id}`,
  at: ago(minutesAgo),
  text: "@AcmeHelp help",
  ...extra,
});
const reply = (id: string, to: string, minutesAgo: number, author = "AcmeHelp") => ({
  id,
  direction: "outbound",
  author,
  in_reply_to: to,
  at: ago(minutesAgo),
});

let service: ReturnType<typeof createTestService>;
afterEach(async () => {
  await service?.close();
});

async function seeded() {
  service = createTestService({ SLA_ACCOUNTS: "AcmeHelp,ZedCare" }, NOW);
  const response = await service.post([
    ask("b1", 300),
    ask("r1", 100),
    ask("f1", 10, { text: "@ZedCare hello" }),
    ask("a1", 400),
    reply("a2", "a1", 390),
    ask("l1", 500, { text: "@ZedCare slow" }),
    reply("l2", "l1", 200, "ZedCare"),
    ask("x1", 250),
    { id: "x2", type: "resolve", in_reply_to: "x1", at: ago(240) },
    ask("h1", 200, { text: "no mention", account: HOSTILE }),
    // Started 40 days ago: outside the TTFR histogram's 30-day window.
    ask("o1", 40 * 1440),
    reply("o2", "o1", 40 * 1440 - 5),
  ]);
  expect(response.status).toBe(200);
  return service;
}

// ---------------------------------------------------------------------------------------------------------
// A structural JSON Schema check: the keywords the generated schemas use, enough to tell accepted from not.
// ---------------------------------------------------------------------------------------------------------

function validates(value: unknown, schema: JsonSchema, doc: OpenApiDocument): boolean {
  if (typeof schema.$ref === "string") {
    const target = doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")];
    return target !== undefined && validates(value, target, doc);
  }
  const kind =
    value === null
      ? "null"
      : Array.isArray(value)
        ? "array"
        : Number.isInteger(value)
          ? "integer"
          : typeof value;
  const types = schema.type === undefined ? null : ([] as unknown[]).concat(schema.type);
  if (types && !types.includes(kind) && !(kind === "integer" && types.includes("number"))) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if ("const" in schema && schema.const !== value) return false;
  const sub = (s: unknown) => validates(value, s as JsonSchema, doc);
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some(sub)) return false;
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) return false;
    if (typeof schema.minLength === "number" && value.length < schema.minLength) return false;
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) return false;
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) return false;
    if (typeof schema.maximum === "number" && value > schema.maximum) return false;
  }
  if (Array.isArray(value) && schema.items)
    return value.every((item) => validates(item, schema.items as JsonSchema, doc));
  if (kind === "object") {
    const object = value as Record<string, unknown>;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    if (!required.every((name) => name in object)) return false;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, field] of Object.entries(object)) {
      const property = properties[name];
      if (property ? !validates(field, property, doc) : schema.additionalProperties === false) return false;
    }
  }
  return true;
}

async function openApi() {
  const response = await service.app.request("/openapi.json");
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

describe("GET /openapi.json", () => {
  it("describes every endpoint with operations, responses, resolvable refs and the bearer scheme", async () => {
    service = createTestService({}, NOW);
    const doc = await openApi();
    expect(doc.openapi).toBe("3.1.0");
    const paths = ["/v1/events", "/v1/status", "/v1/metrics", "/v1/alerts", "/v1/alerts/{id}/ack"];
    paths.push("/v1/conversations", "/v1/conversations/{id}", "/v1/policies", "/v1/goals");
    paths.push("/healthz", "/readyz", "/metrics", "/openapi.json", "/docs");
    paths.push("/v1/what-if", "/v1/export/conversations.csv", "/v1/export/metrics.csv");
    expect(Object.keys(doc.paths).sort()).toEqual(paths.sort());
    const ids = new Set<string>();
    for (const item of Object.values(doc.paths)) {
      const operations = [item.get, item.post].filter((operation) => operation !== undefined);
      expect(operations.length).toBeGreaterThan(0);
      for (const operation of operations) {
        expect(operation.summary).toBeTruthy();
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        ids.add(operation.operationId);
      }
    }
    expect(ids.size).toBe(17);
    for (const match of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas, `ref ${match[1]}`).toHaveProperty(match[1] ?? "");
    }
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/v1/events"]?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/v1/alerts/{id}/ack"]?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/v1/status"]?.get?.security).toBeUndefined();
    expect(Object.keys(doc.paths["/v1/events"]?.post?.responses ?? {})).toEqual(["200", "400", "401", "413"]);
    expect(Object.keys(doc.paths["/v1/events"]?.post?.requestBody?.content ?? {})).toEqual([
      "application/json",
      "application/x-ndjson",
    ]);
  });

  it("has the event schema of the endpoint: what it validates, the endpoint accepts", async () => {
    service = createTestService({}, NOW);
    const doc = await openApi();
    const event = doc.components.schemas.Event;
    if (!event) throw new Error("no Event schema");
    expect(event.required).toEqual(["id", "at"]);
    const base = { id: "m1", direction: "inbound", author: "jane", at: "2026-03-02T09:00:00Z" };
    const samples: Array<[unknown, boolean]> = [
      [base, true],
      [{ ...base, id: 42, source: "X.Mail", at: NOW, links: ["a", 7], text: null, automated: true }, true],
      [{ id: "r", type: "resolve", in_reply_to: "m1", at: NOW }, true],
      [{ ...base, id: undefined }, false],
      [{ ...base, direction: "sideways" }, false],
      [{ ...base, source: "not a source!" }, false],
      [{ ...base, author: undefined }, false],
      [{ id: "r2", type: "reopen", at: NOW }, false],
      [{ ...base, text: "x".repeat(100_001) }, false],
    ];
    for (const [sample, valid] of samples) {
      const body = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
      expect(validates(body, event, doc), JSON.stringify(body).slice(0, 80)).toBe(valid);
      const response = await service.post(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(valid ? 200 : 400);
    }
    const example = doc.paths["/v1/events"]?.post?.requestBody?.content["application/json"]?.example;
    expect(validates(example, event, doc)).toBe(true);
  });

  it("takes query parameters from the zod schemas that validate them", async () => {
    service = createTestService({}, NOW);
    const doc = await openApi();
    const params = (path: string) => doc.paths[path]?.get?.parameters ?? [];
    expect(params("/v1/status").map((p) => p.name)).toEqual(["account", "source", "limit", "now"]);
    const limit = params("/v1/status").find((p) => p.name === "limit");
    expect(limit).toMatchObject({ in: "query", required: false, schema: { type: "integer", maximum: 500 } });
    expect(params("/v1/metrics").find((p) => p.name === "group_by")?.schema.enum).toEqual([
      "account",
      "source",
      "day",
      "tag",
      "agent",
      "hour",
      "weekday",
    ]);
    expect(params("/v1/metrics").map((p) => p.name)).toContain("tz");
    expect(params("/v1/goals").map((p) => p.name)).toEqual(["now"]);
    expect(params("/v1/alerts").find((p) => p.name === "status")?.schema.enum).toEqual([
      "pending",
      "sent",
      "failed",
    ]);
    expect(params("/v1/conversations").map((p) => p.name)).toEqual([
      "account",
      "source",
      "state",
      "limit",
      "cursor",
      "now",
    ]);
    expect(params("/v1/conversations").find((p) => p.name === "state")?.schema.enum).toEqual([
      "open",
      "breaching",
      "answered",
      "resolved",
    ]);
    expect(params("/v1/policies")).toMatchObject([
      { name: "history", in: "query", required: false, schema: { enum: ["true", "false"] } },
    ]);
    expect((await service.app.request("/v1/conversations?state=late")).status).toBe(400);
    expect((await service.app.request("/v1/policies?history=yes")).status).toBe(400);
    expect((await service.app.request("/v1/status?limit=500")).status).toBe(200);
    expect((await service.app.request("/v1/status?limit=501")).status).toBe(400);
    expect(doc.components.schemas.AckBody).toMatchObject({ required: ["by"] });
  });
});

describe("answers against the document", () => {
  // Wednesday 4 March, 10:15 in Berlin, under a business-hours policy for chat and the 24/7 default.
  const WED = Date.parse("2026-03-04T09:15:00Z");

  async function office() {
    const config = writeBusinessHoursConfig({ date: "2026-03-03", name: "Founders' Day" });
    service = createTestService({ SLA_CONFIG: config }, WED);
    const response = await service.post([
      chat("c1", "inbound", "2026-03-02T15:30:00Z"),
      chat("c2", "outbound", "2026-03-02T15:45:00Z", { in_reply_to: "c1" }),
      chat("c3", "inbound", "2026-03-02T16:30:00Z", { in_reply_to: "c2" }),
      chat("d1", "inbound", "2026-03-03T10:00:00Z"),
      chat("e1", "inbound", "2026-03-02T09:00:00Z"),
      { id: "e2", source: "chat", type: "resolve", in_reply_to: "e1", at: "2026-03-02T10:00:00Z" },
      ask("a1", 60),
      reply("a2", "a1", 30),
      ask("b1", 300),
    ]);
    expect(response.status).toBe(200);
    // Alerts give the conversations alerts with targets (first_response, next_response@...).
    await service.scan();
    return openApi();
  }

  /** The schema of a GET's 200 answer, as the document states it. */
  function answerSchema(doc: OpenApiDocument, path: string): JsonSchema {
    const schema = doc.paths[path]?.get?.responses["200"]?.content?.["application/json"]?.schema;
    if (!schema) throw new Error(`no 200 schema for ${path}`);
    return schema;
  }

  async function expectValid(doc: OpenApiDocument, documented: string, url: string) {
    const { status, body } = await service.getJson(url);
    expect(status, url).toBe(200);
    expect(validates(body, answerSchema(doc, documented), doc), `${url}: ${JSON.stringify(body)}`).toBe(true);
    return body;
  }

  it("GET /v1/conversations pages validate, for every state filter and the next page", async () => {
    const doc = await office();
    const all = await expectValid(doc, "/v1/conversations", "/v1/conversations");
    expect((all.conversations as unknown[]).length).toBe(5);
    for (const state of ["open", "breaching", "answered", "resolved"]) {
      await expectValid(doc, "/v1/conversations", `/v1/conversations?state=${state}`);
    }
    const first = await expectValid(doc, "/v1/conversations", "/v1/conversations?limit=2");
    expect(typeof first.next_cursor).toBe("string");
    await expectValid(doc, "/v1/conversations", `/v1/conversations?limit=2&cursor=${first.next_cursor}`);
  });

  it("GET /v1/conversations/{id} validates for every conversation, with its target clocks", async () => {
    const doc = await office();
    const list = (await service.getJson("/v1/conversations")).body.conversations as Array<{ id: string }>;
    const schema = answerSchema(doc, "/v1/conversations/{id}");
    for (const { id } of list) {
      const body = await expectValid(
        doc,
        "/v1/conversations/{id}",
        `/v1/conversations/${encodeURIComponent(id)}`,
      );
      // The check is not vacuous: an undocumented field or a missing one fails it.
      expect(validates({ ...body, extra: 1 }, schema, doc)).toBe(false);
      const { targets: _targets, ...withoutTargets } = body;
      expect(validates(withoutTargets, schema, doc)).toBe(false);
    }
    const c1 = await expectValid(doc, "/v1/conversations/{id}", "/v1/conversations/chat%3Ac1");
    const targets = c1.targets as Array<{ target: string; segments: Array<{ kind: string }> }>;
    expect(targets.map((t) => t.target)).toEqual(["first_response", "next_response", "resolution"]);
    expect(targets[0]?.segments.map((s) => s.kind)).toEqual([
      "counted",
      "closed",
      "holiday",
      "closed",
      "counted",
    ]);
    const alerts = c1.alerts as Array<{ target: string }>;
    expect(alerts.map((a) => a.target)).toContain("next_response@2026-03-02T16:30:00.000Z");
  });

  it("GET /v1/policies validates, with and without the history", async () => {
    const doc = await office();
    const current = await expectValid(doc, "/v1/policies", "/v1/policies");
    expect(current.history).toBeUndefined();
    expect((current.policies as Array<{ name: string }>).map((p) => p.name)).toEqual([
      "office-hours",
      "default",
    ]);
    const history = await expectValid(doc, "/v1/policies", "/v1/policies?history=true");
    expect((history.history as unknown[]).length).toBe(2);
  });

  it("the other reads validate too: metrics with their targets, status and alerts", async () => {
    const doc = await office();
    const metrics = await expectValid(doc, "/v1/metrics", "/v1/metrics?group_by=source");
    expect(metrics.total).toHaveProperty("targets.next_response");
    await expectValid(doc, "/v1/status", "/v1/status");
    const alerts = await expectValid(doc, "/v1/alerts", "/v1/alerts");
    expect((alerts.alerts as unknown[]).length).toBeGreaterThan(0);
  });
});

describe("goals and breakdowns against the document", () => {
  it("GET /v1/goals validates for every verdict, and the new breakdowns do too", async () => {
    const config = `account_tags: { AcmeHelp: [us, amer], ZedCare: [europe] }
goals:
  - { name: rising, metric: attainment, threshold: 0.9, start: 2026-02-01, deadline: 2026-06-30 }
  - { name: p90, metric: ttfr_p90, threshold: 1h, scope: { tag: europe }, start: 2026-02-01, deadline: 2026-06-30 }
  - { name: done, metric: fcr, threshold: 0.5, baseline: 0.2, scope: all, start: 2026-01-01, deadline: 2026-02-01 }
  - { name: next, metric: attainment, target: next_response, threshold: 0.9, start: 2026-02-01, deadline: 2026-06-30 }
`;
    service = createTestService({ SLA_CONFIG: writeConfig(config), SLA_ACCOUNTS: "AcmeHelp,ZedCare" }, NOW);
    expect(
      (
        await service.post([
          ask("a1", 60),
          reply("a2", "a1", 30),
          ask("b1", 300),
          ask("f1", 10, { text: "@ZedCare hi" }),
        ])
      ).status,
    ).toBe(200);
    const doc = await openApi();
    const schema = (path: string) => {
      const found = doc.paths[path]?.get?.responses["200"]?.content?.["application/json"]?.schema;
      if (!found) throw new Error(`no 200 schema for ${path}`);
      return found;
    };
    const { body } = await service.getJson("/v1/goals");
    expect((body.goals as Array<{ verdict: string }>).map((g) => g.verdict)).toEqual([
      "at_risk",
      "at_risk",
      "missed",
      "at_risk",
    ]);
    expect(validates(body, schema("/v1/goals"), doc), JSON.stringify(body)).toBe(true);
    expect(validates({ ...body, extra: 1 }, schema("/v1/goals"), doc)).toBe(false);
    for (const groupBy of ["tag", "agent", "hour", "weekday"]) {
      const answer = await service.getJson(`/v1/metrics?group_by=${groupBy}&tz=America/New_York`);
      expect(answer.status).toBe(200);
      expect(validates(answer.body, schema("/v1/metrics"), doc), JSON.stringify(answer.body)).toBe(true);
    }
  });
});

describe("GET /docs", () => {
  it("lists every operation with a form to try the GETs, escaping the document's text", async () => {
    service = createTestService({}, NOW);
    const response = await service.app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const paths = ["/v1/events", "/v1/status", "/v1/conversations", "/v1/conversations/{id}", "/v1/policies"];
    for (const path of [...paths, "/readyz", "/metrics"]) {
      expect(html).toContain(`<code>${path}</code>`);
    }
    expect(html).toContain('<form method="get" action="/docs/try" aria-label="Try GET /v1/status">');
    expect(html).toContain('<label for="getStatus-limit">');
    expect(html).toContain('<label for="listConversations-cursor">');
    expect(html).toContain('<select id="listPolicies-history" name="history"');
    expect(html).toContain("Bearer &lt;token&gt;");
    expect(html).not.toContain("<token>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });

  it("escapes hostile text by construction", async () => {
    service = createTestService({}, NOW);
    const doc = await openApi();
    const status = doc.paths["/v1/status"]?.get;
    if (!status) throw new Error("no status operation");
    status.summary = '<script>alert("x")</script>';
    const html = renderDocsPage(doc);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("sends a tried GET to its endpoint with the path filled in", async () => {
    service = createTestService({}, NOW);
    const tried = (query: string) => service.app.request(`/docs/try?${query}`);
    const status = await tried("operation=getStatus&account=&limit=5");
    expect(status.status).toBe(303);
    expect(status.headers.get("location")).toBe("/v1/status?limit=5");
    const conversation = await tried("operation=getConversation&id=x%3A1%2F2");
    expect(conversation.headers.get("location")).toBe("/v1/conversations/x%3A1%2F2");
    expect((await tried("operation=getConversation&id=")).status).toBe(400);
    expect((await tried("operation=postEvents")).status).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A line-by-line parser of the text exposition format, strict about what this service writes.
// ---------------------------------------------------------------------------------------------------------

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const name = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(text.slice(i));
    if (!name?.[1]) throw new Error(`bad label at ${text.slice(i)}`);
    i += name[0].length;
    let value = "";
    for (;;) {
      const ch = text[i++];
      if (ch === undefined) throw new Error("unterminated label value");
      if (ch === '"') break;
      if (ch === "\n") throw new Error("raw newline in a label value");
      if (ch !== "\\") value += ch;
      else {
        const escaped = text[i++];
        if (escaped === "n") value += "\n";
        else if (escaped === "\\" || escaped === '"') value += escaped;
        else throw new Error(`bad escape \\${escaped}`);
      }
    }
    labels[name[1]] = value;
    if (text[i] === ",") i++;
  }
  return labels;
}

/** Parses the exposition; every sample must follow the HELP and TYPE lines of its family. */
function parseExposition(text: string) {
  const families = new Map<string, { type: string; help: string; samples: ParsedSample[] }>();
  let current: string | null = null;
  expect(text.endsWith("\n")).toBe(true);
  for (const line of text.slice(0, -1).split("\n")) {
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$/.exec(line);
    if (help?.[1] && help[2] !== undefined) {
      families.set(help[1], { type: "", help: help[2], samples: [] });
      current = help[1];
    } else if (type?.[1] && type[2]) {
      const family = families.get(type[1]);
      if (!family || current !== type[1] || family.samples.length > 0)
        throw new Error(`TYPE out of place: ${line}`);
      family.type = type[2];
    } else {
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!sample?.[1] || !sample[3]) throw new Error(`not a sample line: ${line}`);
      const family = current === null ? undefined : families.get(current);
      if (!family?.type) throw new Error(`sample before HELP/TYPE: ${line}`);
      const suffix = sample[1].slice(current?.length ?? 0);
      const allowed = family.type === "histogram" ? ["_bucket", "_sum", "_count"] : [""];
      if (!sample[1].startsWith(current ?? "") || !allowed.includes(suffix))
        throw new Error(`stray: ${line}`);
      const value = sample[3] === "+Inf" ? Number.POSITIVE_INFINITY : Number(sample[3]);
      if (Number.isNaN(value)) throw new Error(`bad value: ${line}`);
      family.samples.push({ name: sample[1], labels: parseLabels(sample[2] ?? ""), value });
    }
  }
  return families;
}

async function scrape() {
  const response = await service.app.request("/metrics");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseExposition(await response.text());
}

function values(families: Map<string, { samples: ParsedSample[] }>, name: string, key: string) {
  return Object.fromEntries((families.get(name)?.samples ?? []).map((s) => [s.labels[key] ?? "", s.value]));
}

describe("GET /metrics", () => {
  it("writes parsable families whose gauges match the status, with escaped account names", async () => {
    const s = await seeded();
    const text = await (await s.app.request("/metrics")).text();
    expect(text).toContain('account="evil\\"acct\\\\x\\n} fake{le=\\"1"');
    const families = await scrape();
    const open = values(families, "sla_open_conversations", "account");
    const breaching = values(families, "sla_breaching_conversations", "account");
    expect(open).toEqual({ AcmeHelp: 2, ZedCare: 1, [HOSTILE]: 1 });
    expect(breaching).toEqual({ AcmeHelp: 1, ZedCare: 0, [HOSTILE]: 1 });
    for (const account of Object.keys(open)) {
      const { body } = await s.getJson(`/v1/status?account=${encodeURIComponent(account)}`);
      expect(body.counts).toMatchObject({ open: open[account], breaching: breaching[account] });
    }
    for (const [name, family] of families) expect(family.help, name).not.toBe("");
  });

  it("has a cumulative TTFR histogram over the last 30 days, ending in +Inf equal to _count", async () => {
    await seeded();
    const histogram = (await scrape()).get("sla_ttfr_seconds");
    expect(histogram?.type).toBe("histogram");
    const samples = histogram?.samples ?? [];
    for (const [account, ttfr] of [
      ["AcmeHelp", 600],
      ["ZedCare", 18_000],
    ] as const) {
      const mine = samples.filter((sample) => sample.labels.account === account);
      const buckets = mine.filter((sample) => sample.name === "sla_ttfr_seconds_bucket");
      const bounds = buckets.map((bucket) =>
        Number(bucket.labels.le === "+Inf" ? Infinity : bucket.labels.le),
      );
      expect(bounds).toEqual([60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, Infinity]);
      for (let i = 1; i < buckets.length; i++) {
        expect(buckets[i]?.value).toBeGreaterThanOrEqual(buckets[i - 1]?.value ?? 0);
      }
      const count = mine.find((sample) => sample.name === "sla_ttfr_seconds_count")?.value;
      expect(buckets.at(-1)?.value).toBe(count);
      // One answered conversation per account in the window: o1, 40 days old, is left out.
      expect(count).toBe(1);
      expect(mine.find((sample) => sample.name === "sla_ttfr_seconds_sum")?.value).toBe(ttfr);
      expect(buckets.map((bucket) => bucket.value)).toEqual(bounds.map((bound) => (ttfr <= bound ? 1 : 0)));
    }
  });

  it("counts ingested events by outcome and alert cycles, and gauges alerts as GET /v1/alerts shows them", async () => {
    service = createTestService({}, NOW);
    const before = values(await scrape(), "sla_ingest_events_total", "outcome");
    expect(before).toEqual({ stored: 0, duplicate: 0, rejected: 0 });
    await service.post([ask("m1", 300), ask("m2", 10), { id: "bad", at: "yesterday" }]);
    await service.post([ask("m1", 300)]);
    await service.post("not json");
    let families = await scrape();
    expect(values(families, "sla_ingest_events_total", "outcome")).toEqual({
      stored: 2,
      duplicate: 1,
      rejected: 1,
    });
    expect(families.get("sla_alert_cycles_total")?.samples[0]?.value).toBe(0);
    expect(families.get("sla_alert_cycle_duration_seconds")?.samples).toEqual([]);
    await service.scan();
    families = await scrape();
    expect(families.get("sla_alert_cycles_total")?.samples[0]?.value).toBe(1);
    expect(families.get("sla_alert_cycle_duration_seconds")?.samples[0]?.value).toBeGreaterThanOrEqual(0);
    const alerts = (await service.getJson("/v1/alerts")).body.alerts as Array<{
      level: string;
      status: string;
    }>;
    expect(alerts.length).toBeGreaterThan(0);
    const gauge = families.get("sla_alerts")?.samples ?? [];
    expect(gauge).toHaveLength(16);
    for (const sample of gauge) {
      const listed = alerts.filter(
        (a) => a.level === sample.labels.level && a.status === sample.labels.status,
      );
      expect(sample.value, JSON.stringify(sample.labels)).toBe(listed.length);
    }
  });
});

describe("GET /healthz and GET /readyz", () => {
  it("are ready on a migrated database", async () => {
    service = createTestService({}, NOW);
    expect(await service.getJson("/healthz")).toEqual({ status: 200, body: { ok: true } });
    expect(await service.getJson("/readyz")).toEqual({ status: 200, body: { ok: true, migrations: 6 } });
  });

  it("answers 503 with the reason when a migration is missing or the database is closed", async () => {
    service = createTestService({}, NOW);
    service.handle.sqlite.exec(
      "DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
    );
    expect(await service.getJson("/readyz")).toEqual({
      status: 503,
      body: { ok: false, reason: "migrations: 1 of 6 not applied" },
    });
    service.handle.close();
    const closed = await service.getJson("/readyz");
    expect(closed.status).toBe(503);
    expect(closed.body.reason).toMatch(/^database: .*not open/);
    expect((await service.getJson("/healthz")).status).toBe(200);
  });
});
