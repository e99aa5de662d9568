import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/runtime/logger.js";
import { startNodeServer } from "../../src/runtime/node.js";
import { createNodeService, type NodeService } from "../../src/runtime/node-service.js";
import { createToken } from "../../src/services/tokens.js";

const TOKEN = "limits-test-token-0123456789";
const NOW = Date.parse("2026-03-02T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "sla-limits-"));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

/** A service on a fresh SQLite file with a settable clock; its log lines are collected in `lines`. */
function service(env: Record<string, string> = {}) {
  let now = NOW;
  const lines: string[] = [];
  const config = loadConfig({
    SLA_DB: join(mkdtempSync(join(dir, "db-")), "sla.db"),
    SLA_API_TOKEN: TOKEN,
    SLA_OUTBOX_DIR: join(dir, "outbox"),
    ...env,
  });
  const logger = createLogger({ ...config.log, destination: { write: (line) => lines.push(line) } });
  const created: NodeService = createNodeService(config, { clock: () => now, logger });
  cleanups.push(() => created.close());
  const count = () =>
    (created.handle.sqlite.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n;
  return { ...created, lines, count, advance: (ms: number) => (now += ms) };
}

let nextId = 0;
const event = (text = "hello") => ({
  id: `e${++nextId}`,
  direction: "inbound",
  author: "jane",
  at: "2026-03-02T11:00:00Z",
  text,
});

function postEvent(s: { app: NodeService["app"] }, token: string | null = TOKEN) {
  return s.app.request("/v1/events", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(event()),
  });
}

/** Serves the app on a real socket (port 0), so the client address is the socket's. */
async function listen(app: NodeService["app"]): Promise<string> {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0 }, () => resolve(started));
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("rate limit", () => {
  it("answers 429 with Retry-After and a JSON error once a token's burst is spent, until time refills it", async () => {
    const s = service({ SLA_RATE_LIMIT: "2", SLA_RATE_BURST: "3" });
    for (let i = 0; i < 3; i++) expect((await postEvent(s)).status).toBe(200);
    const refused = await postEvent(s);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /^rate limit: .*this token.*SLA_RATE_LIMIT/,
    );
    expect(s.count()).toBe(3);
    // Unauthenticated callers have their own bucket (by address), untouched by the token's flood.
    expect((await s.app.request("/v1/webhooks/x?crc_token=abc")).status).not.toBe(429);
    s.advance(500);
    expect((await postEvent(s)).status).toBe(200);
    expect((await postEvent(s)).status).toBe(429);
  });

  it("gives each token its own bucket: the configured one and every stored one", async () => {
    const s = service({ SLA_RATE_LIMIT: "1", SLA_RATE_BURST: "2" });
    const stored = [1, 2].map((i) => createToken(s.handle.db, `integration ${i}`, NOW, ["ingest"]).token);
    const statuses = async (token: string) => {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await postEvent(s, token)).status);
      return answers;
    };
    expect(await statuses(TOKEN)).toEqual([200, 200, 429]);
    expect(await statuses(stored[0] ?? "")).toEqual([200, 200, 429]);
    expect(await statuses(stored[1] ?? "")).toEqual([200, 200, 429]);
  });

  it("counts unknown tokens against the client address: inventing tokens gives no fresh bucket", async () => {
    const s = service({ SLA_RATE_LIMIT: "1", SLA_RATE_BURST: "2" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postEvent(s, `made-up-token-${i}-0123456789`)).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
  });

  it("limits webhooks per client address over a real socket; behind a trusted proxy, per forwarded address", async () => {
    const deliver = (url: string, forwardedFor: string) =>
      fetch(`${url}/v1/webhooks/zendesk`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
        body: "{}",
      }).then((response) => response.status);
    const direct = await listen(service({ SLA_RATE_LIMIT: "1", SLA_RATE_BURST: "2" }).app);
    // Without SLA_TRUST_PROXY the header is the client's to forge: every request is the same socket address.
    const forged = [];
    for (const address of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) forged.push(await deliver(direct, address));
    expect(forged).toEqual([503, 503, 429]);
    const proxied = await listen(
      service({ SLA_RATE_LIMIT: "1", SLA_RATE_BURST: "2", SLA_TRUST_PROXY: "true" }).app,
    );
    const byAddress = [];
    for (const address of ["1.1.1.1", "1.1.1.1", "1.1.1.1", "2.2.2.2"]) {
      byAddress.push(await deliver(proxied, `203.0.113.9, ${address}`));
    }
    expect(byAddress).toEqual([503, 503, 429, 503]);
  });

  it("leaves health probes alone and can be turned off", async () => {
    const limited = service({ SLA_RATE_LIMIT: "1", SLA_RATE_BURST: "1" });
    for (let i = 0; i < 5; i++) expect((await limited.app.request("/healthz")).status).toBe(200);
    const off = service({ SLA_RATE_LIMIT: "off" });
    for (let i = 0; i < 50; i++) expect((await postEvent(off)).status).toBe(200);
  });
});

describe("body limit", () => {
  it("refuses an oversized body with 413 on every POST route, before reading it", async () => {
    const s = service({
      SLA_MAX_BODY_BYTES: "1000",
      X_CONSUMER_SECRET: "x-secret",
      META_APP_SECRET: "meta-secret",
      ZENDESK_WEBHOOK_SECRET: "zendesk-secret",
    });
    const big = JSON.stringify({ by: "x".repeat(2000) });
    const routes = [
      "/v1/events",
      "/v1/alerts/1/ack",
      "/v1/webhooks/x",
      "/v1/webhooks/meta",
      "/v1/webhooks/zendesk",
    ];
    for (const path of routes) {
      const response = await s.app.request(path, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${TOKEN}`,
          "content-length": String(big.length),
        },
        body: big,
      });
      expect({ path, status: response.status }).toEqual({ path, status: 413 });
      expect(((await response.json()) as { error: string }).error).toMatch(/^body: larger than the limit/);
    }
  });

  it("refuses a chunked body (no Content-Length) once it passes the limit", async () => {
    const s = service({ SLA_MAX_BODY_BYTES: "1000" });
    const chunk = new TextEncoder().encode("x".repeat(600));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const init = { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body, duplex: "half" };
    expect((await s.app.request("/v1/alerts/1/ack", init as RequestInit)).status).toBe(413);
  });
});

describe("request timeout", () => {
  it("answers 503 after SLA_REQUEST_TIMEOUT (30 s by default); the late write lands whole, and a retry is a duplicate", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const s = service();
    const events = [event(), event(), event()];
    const text = JSON.stringify(events);
    const encoder = new TextEncoder();
    let sendRest: () => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // A slow client: half the body now, the rest after the service gave up waiting.
        controller.enqueue(encoder.encode(text.slice(0, 40)));
        sendRest = () => {
          controller.enqueue(encoder.encode(text.slice(40)));
          controller.close();
        };
      },
    });
    const init = {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body,
      duplex: "half",
    };
    let settled = false;
    const answer = Promise.resolve(s.app.request("/v1/events", init as RequestInit)).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const response = await answer;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(((await response.json()) as { error: string }).error).toMatch(/^request: not answered within 30s/);
    expect(s.count()).toBe(0);

    vi.useRealTimers();
    sendRest();
    // The handler goes on after the 503: its batch commits in one transaction, all three or none.
    await vi.waitFor(() => expect(s.count()).toBe(3));
    const retry = await s.app.request("/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: text,
    });
    expect(await retry.json()).toMatchObject({ stored: 0, duplicates: 3 });
    expect(s.count()).toBe(3);
  });
});

describe("request log", () => {
  it("writes one JSON line per request with id, method, path, status and duration, and the error of a 500", async () => {
    const s = service();
    const ok = await postEvent(s);
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const traced = await s.app.request("/healthz", { headers: { "x-request-id": "trace-42" } });
    expect(traced.headers.get("x-request-id")).toBe("trace-42");
    s.handle.sqlite.close();
    expect((await postEvent(s)).status).toBe(500);
    const records = s.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = records.filter((record) => "req_id" in record);
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({
      level: "info",
      req_id: ok.headers.get("x-request-id"),
      method: "POST",
      url: "/v1/events",
      status: 200,
    });
    expect(typeof requests[0]?.duration_ms).toBe("number");
    expect(requests[1]).toMatchObject({ req_id: "trace-42", url: "/healthz", status: 200 });
    expect(requests[2]).toMatchObject({ level: "error", status: 500, err: { type: "TypeError" } });
    expect(JSON.stringify(requests[2])).toMatch(/database connection is not open/);
  });

  it("keeps tokens, secrets and message text out of the server's log, from start to stop", async () => {
    const secrets = {
      smtpPassword: "smtp-pass-Hk29xQ",
      xSecret: "x-consumer-secret-Lm48",
      metaSecret: "meta-app-secret-Qr51",
      verifyToken: "meta-verify-Tz77",
      zendeskSecret: "zendesk-secret-Wv03",
      crcToken: "crc-token-Pp12",
      messageText: "my account number is 99-1234",
      signature: "sha256=c2lnbmF0dXJlLXZhbHVl",
    };
    const lines: string[] = [];
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const config = loadConfig({
      SLA_DB: join(mkdtempSync(join(dir, "db-")), "sla.db"),
      PORT: "0",
      SLA_OUTBOX_DIR: join(dir, "outbox"),
      SMTP_URL: `smtp://alerts:${secrets.smtpPassword}@127.0.0.1:1`,
      ALERT_TO: "leads@example.com",
      X_CONSUMER_SECRET: secrets.xSecret,
      META_APP_SECRET: secrets.metaSecret,
      META_VERIFY_TOKEN: secrets.verifyToken,
      ZENDESK_WEBHOOK_SECRET: secrets.zendeskSecret,
    });
    const logger = createLogger({ ...config.log, destination: { write: (line) => lines.push(line) } });
    const running = await startNodeServer(config, logger);
    const stop = () => {
      printed.mockRestore();
      return running.stop();
    };
    cleanups.push(stop);
    // The first-start token is printed for the operator, outside the log.
    const token = String(
      printed.mock.calls
        .flat()
        .join("\n")
        .match(/stored hashed\): (\S+)/)?.[1],
    );
    expect(token).toMatch(/^sla_/);
    const auth = { authorization: `Bearer ${token}` };
    const url = running.url;
    const body = JSON.stringify({ ...event(secrets.messageText) });
    await fetch(`${url}/v1/events`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body,
    });
    await fetch(`${url}/?token=${token}`, { redirect: "manual" });
    await fetch(`${url}/v1/webhooks/x?crc_token=${secrets.crcToken}`);
    await fetch(
      `${url}/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=${secrets.verifyToken}&hub.challenge=7`,
    );
    for (const [path, header] of [
      ["x", "x-twitter-webhooks-signature"],
      ["meta", "x-hub-signature-256"],
      ["zendesk", "x-zendesk-webhook-signature"],
    ] as const) {
      await fetch(`${url}/v1/webhooks/${path}`, {
        method: "POST",
        headers: { [header]: secrets.signature, "x-zendesk-webhook-signature-timestamp": "1", ...auth },
        body: JSON.stringify({ text: secrets.messageText }),
      });
    }
    await stop();
    cleanups.pop();

    const output = lines.join("");
    for (const secret of [token, ...Object.values(secrets)]) expect(output).not.toContain(secret);
    const records = lines.map((line) => JSON.parse(line) as { msg: string; url?: string });
    expect(records.filter((record) => record.msg === "request")).toHaveLength(7);
    expect(records.some((record) => record.msg.startsWith(`SLA monitor listening on ${url}`))).toBe(true);
    expect(records.map((record) => record.url)).toContain("/v1/webhooks/x?crc_token=[redacted]");
    expect(records.map((record) => record.url)).toContain("/?token=[redacted]");
  });
});
