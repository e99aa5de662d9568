import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createTestService } from "../support/test-service.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => T0 + minutes * MIN;

/** A real HTTP endpoint on 127.0.0.1 that records what it receives and answers with queued statuses. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}
let server: Server;
let base = "";
const received: Received[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
      });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(status === 200 ? '{"id":"m1"}' : '{"error":"try later"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Service = ReturnType<typeof createTestService>;
const services: Service[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  received.length = 0;
  statuses.length = 0;
});

function service(env: Record<string, string>): Service {
  const s = createTestService({ SLA_SUMMARY_HOUR: "off", ...env }, T0);
  services.push(s);
  return s;
}

const ask = {
  id: "1",
  source: "x",
  direction: "inbound",
  author: "jane",
  account: "AcmeHelp",
  at: new Date(T0).toISOString(),
  text: "@AcmeHelp where is my order?",
};

describe("a JSON mail API", () => {
  it("gets one POST per email with the token and the Message-ID as idempotency key; a refusal is retried", async () => {
    const s = service({ MAIL_API_URL: `${base}/send`, MAIL_API_KEY: "k-123", ALERT_TO: "lead@example.com" });
    await s.post(ask);
    statuses.push(503);
    s.setNow(at(125));
    const first = await s.scan();
    expect(first?.delivery).toMatchObject({ emails: 0, retrying: 1 });
    s.setNow(at(125) + 10_000);
    expect((await s.scan())?.delivery.emails).toBe(0);
    s.setNow(at(125) + 31_000);
    expect((await s.scan())?.delivery).toMatchObject({ emails: 1, delivered: 1 });
    s.setNow(at(140));
    await s.scan();
    expect(received).toHaveLength(2);
    const [refused, sent] = received;
    expect(sent?.path).toBe("/send");
    expect(sent?.headers.authorization).toBe("Bearer k-123");
    expect(sent?.body).toMatchObject({
      to: ["lead@example.com"],
      subject: "[SLA] 1 breach — AcmeHelp",
      from: "SLA monitor <sla-monitor@localhost>",
    });
    expect(String(sent?.body.text)).toContain("jane");
    expect(String(sent?.body.html)).toContain("<html");
    // The Message-ID is the key: a send cut short by a crash is retried under the same one, so a provider
    // that honours the key sends it once.
    expect(sent?.headers["idempotency-key"]).toBe(sent?.body.message_id);
    expect(refused?.headers["idempotency-key"]).toBe(refused?.body.message_id);
    const status = (await s.getJson("/v1/status")).body as { alerts: Record<string, unknown> };
    expect(status.alerts).toMatchObject({ delivery: "http", sent: 1, pending: 0 });
  });
});

describe("a chat webhook", () => {
  it("gets a Slack-style message, with no recipients configured", async () => {
    const s = service({ ALERT_WEBHOOK_URL: `${base}/hook` });
    await s.post(ask);
    s.setNow(at(125));
    expect((await s.scan())?.delivery).toMatchObject({ emails: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    const text = String(received[0]?.body.text);
    expect(text.startsWith("*[SLA] 1 breach — AcmeHelp*\n")).toBe(true);
    expect(text).toContain("where is my order?");
    expect(Object.keys(received[0]?.body ?? {})).toEqual(["text"]);
  });

  it("or the whole email as JSON", async () => {
    const s = service({ ALERT_WEBHOOK_URL: `${base}/hook`, ALERT_WEBHOOK_FORMAT: "json" });
    await s.post(ask);
    s.setNow(at(125));
    await s.scan();
    expect(received[0]?.body).toMatchObject({ to: ["webhook"], subject: "[SLA] 1 breach — AcmeHelp" });
  });
});

describe("their configuration", () => {
  it.each([
    { env: { MAIL_API_URL: "ftp://mail.example.com" }, message: "MAIL_API_URL" },
    {
      env: { MAIL_API_URL: "https://api.mail.example.com/send" },
      message: "ALERT_TO: required when MAIL_API_URL",
    },
    { env: { ALERT_WEBHOOK_URL: "not a url" }, message: "ALERT_WEBHOOK_URL" },
    {
      env: { ALERT_WEBHOOK_URL: "https://hooks.example.com/x", ALERT_WEBHOOK_FORMAT: "xml" },
      message: "ALERT_WEBHOOK_FORMAT",
    },
  ])("refuses $env naming the variable", ({ env, message }) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
