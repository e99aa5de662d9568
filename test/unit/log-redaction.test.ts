import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/runtime/logger.js";
import { REDACTED, redactRecord, redactUrl, scrubText } from "../../src/services/log-redaction.js";

const TOKEN = "sla_Zq3k9XbV2mPq7RtY1uWs0aLc4dEf6gHj";

/** A logger writing into an array, one parsed JSON object per line. */
function capturedLogger(messages = false) {
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    messages,
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("redactUrl", () => {
  it("replaces the values of secret query parameters and keeps the others", () => {
    expect(redactUrl("/v1/webhooks/x?crc_token=abc123&x=1")).toBe(`/v1/webhooks/x?crc_token=${REDACTED}&x=1`);
    expect(redactUrl("/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=42")).toBe(
      `/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=${REDACTED}&hub.challenge=42`,
    );
    expect(redactUrl(`/?token=${TOKEN}&account=AcmeHelp`)).toBe(`/?token=${REDACTED}&account=AcmeHelp`);
  });

  it("recognises encoded names and leaves paths without a query alone", () => {
    expect(redactUrl("/v1/webhooks/meta?hub%2Everify_token=s3cret")).toBe(
      `/v1/webhooks/meta?hub%2Everify_token=${REDACTED}`,
    );
    expect(redactUrl("/v1/status")).toBe("/v1/status");
    expect(redactUrl("/v1/status?")).toBe("/v1/status");
  });
});

describe("scrubText", () => {
  it("removes bearer tokens, service tokens, URL passwords and secret parameters from free text", () => {
    const text =
      `failed: Authorization: Bearer ${TOKEN}; smtp://alerts:hunter2@mail.example.com:587 ` +
      `GET /v1/webhooks/x?crc_token=abc&x=1 token ${TOKEN}`;
    const scrubbed = scrubText(text);
    for (const secret of [TOKEN, "hunter2", "crc_token=abc"]) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain("smtp://alerts:[redacted]@mail.example.com:587");
    expect(scrubbed).toContain("x=1");
  });
});

describe("redactRecord", () => {
  it("replaces values under secret keys at any depth, keeps counts under them", () => {
    const record = redactRecord(
      {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          "x-hub-signature-256": "sha256=abcd",
          "X-Twitter-Webhooks-Signature": "sha256=efgh",
          "x-zendesk-webhook-signature": "ijkl",
          "content-type": "application/json",
        },
        config: { smtpUrl: "smtp://u:p@h", apiToken: TOKEN, xConsumerSecrets: ["a"], password: "p" },
        tokens: 3,
      },
      { messages: false },
    );
    expect(record).toEqual({
      headers: {
        authorization: REDACTED,
        "x-hub-signature-256": REDACTED,
        "X-Twitter-Webhooks-Signature": REDACTED,
        "x-zendesk-webhook-signature": REDACTED,
        "content-type": "application/json",
      },
      config: { smtpUrl: REDACTED, apiToken: REDACTED, xConsumerSecrets: REDACTED, password: REDACTED },
      tokens: 3,
    });
  });

  it("redacts message text unless messages are allowed; secrets go either way", () => {
    const event = { id: "m1", text: "my card number is 4111", author: "jane" };
    expect(redactRecord({ event }, { messages: false })).toEqual({
      event: { id: "m1", text: REDACTED, author: "jane" },
    });
    expect(redactRecord({ event, token: TOKEN }, { messages: true })).toEqual({ event, token: REDACTED });
  });

  it("turns errors into plain objects with scrubbed message and stack, and survives cycles", () => {
    const error = Object.assign(new Error(`connect to smtp://a:pw123@h failed for Bearer ${TOKEN}`), {
      code: "ECONNREFUSED",
    });
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const record = redactRecord({ err: error, cyclic }, { messages: false });
    const text = JSON.stringify(record);
    expect(text).not.toContain("pw123");
    expect(text).not.toContain(TOKEN);
    expect(record.err).toMatchObject({ type: "Error", code: "ECONNREFUSED" });
  });
});

describe("createLogger", () => {
  it("writes one JSON line per record with the level's name and an ISO time", () => {
    const { logger, records } = capturedLogger();
    logger.info({ url: "/v1/status", status: 200 }, "request");
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: "info", msg: "request", url: "/v1/status", status: 200 });
    expect(String(records()[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("keeps secrets and message text out of records, messages and errors", () => {
    const { logger, lines } = capturedLogger();
    logger.info({ headers: { authorization: `Bearer ${TOKEN}` }, text: "hello from jane" }, `token ${TOKEN}`);
    logger.error({ err: new Error("SMTP smtp://alerts:hunter2@mail:587 refused") }, "alert cycle failed");
    logger.warn("printf %s", `Bearer ${TOKEN}`);
    const output = lines.join("");
    for (const secret of [TOKEN, "hunter2", "hello from jane"]) expect(output).not.toContain(secret);
    expect(lines).toHaveLength(3);
  });

  it("logs message text when SLA_LOG_MESSAGES allows it, still without secrets", () => {
    const { logger, lines } = capturedLogger(true);
    logger.info({ text: "hello from jane", token: TOKEN }, "event");
    expect(lines.join("")).toContain("hello from jane");
    expect(lines.join("")).not.toContain(TOKEN);
  });

  it("respects the level", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "warn",
      messages: false,
      destination: { write: (l) => lines.push(l) },
    });
    logger.info("quiet");
    logger.warn("loud");
    expect(lines).toHaveLength(1);
  });
});
