import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AddressObject, simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFileMailer } from "../../src/runtime/file-mailer.js";
import { createSmtpMailer } from "../../src/runtime/smtp-mailer.js";
import { renderAlertDigest } from "../../src/services/alert-email.js";
import type { DigestItem } from "../../src/services/digest-item.js";
import type { OutgoingEmail } from "../../src/services/mailer.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const HOSTILE = "<script>alert(1)</script> where is my refund?";

function digestItem(overrides: Partial<DigestItem> = {}): DigestItem {
  return {
    level: "breach",
    target: "first_response",
    answeredSince: false,
    conversationId: "x:1",
    account: "AcmeHelp",
    source: "x",
    customer: "jane_doe",
    excerpt: HOSTILE,
    startedAt: T0,
    dueAt: T0 + 2 * 3_600_000,
    firstResponseAt: null,
    link: "https://sla.example.com/conversations/x%3A1",
    ...overrides,
  };
}

function email(overrides: Partial<OutgoingEmail> = {}, items = [digestItem()]): OutgoingEmail {
  const rendered = renderAlertDigest(items, { now: T0 + 3 * 3_600_000 });
  return {
    from: "SLA monitor <sla@example.com>",
    to: ["lead@example.com", "agent@example.com"],
    ...rendered,
    messageId: "<alerts-b1@sla.example.com>",
    date: new Date("2026-03-02T12:00:00Z"),
    headers: { References: "<alerts-2026-03-02@sla.example.com>" },
    ...overrides,
  };
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((a) => a.address));

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== "object") throw new Error("no port");
  return address.port;
}

describe("SMTP mailer", () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    sink.refuse(false);
    await sink.start();
    sink.messages.length = 0;
  });
  afterAll(async () => {
    await sink.close();
  });

  it("describes itself without the password", () => {
    const mailer = createSmtpMailer({ url: "smtps://alerts:s3cret-pass@mail.example.com?auth.pass=other" });
    expect(mailer.kind).toBe("smtp");
    expect(mailer.description).toBe("smtps://alerts@mail.example.com:465");
    expect(createSmtpMailer({ url: "smtp://mail.example.com" }).description).toBe(
      "smtp://mail.example.com:587",
    );
    expect(() => createSmtpMailer({ url: "http://x:pw@example.com" })).toThrow(/smtp: or smtps:/);
    expect(() => createSmtpMailer({ url: "not a url s3cret" })).toThrow(/^SMTP URL: expected/);
  });

  it("delivers recipients, subject, both parts and the threading headers", async () => {
    const outgoing = email();
    await createSmtpMailer({ url: sink.url }).send(outgoing);

    expect(sink.messages).toHaveLength(1);
    const [received] = sink.messages;
    if (!received) throw new Error("no message");
    expect(received.user).toBe("sink-user");
    expect(received.envelope).toEqual({
      from: "sla@example.com",
      to: ["lead@example.com", "agent@example.com"],
    });
    const { parsed } = received;
    expect(addresses(parsed.to)).toEqual(["lead@example.com", "agent@example.com"]);
    expect(parsed.from?.value[0]).toEqual({ name: "SLA monitor", address: "sla@example.com" });
    expect(parsed.subject).toBe("[SLA] 1 breach — AcmeHelp");
    expect(parsed.text).toBe(outgoing.text);
    expect(parsed.html).toBe(outgoing.html);
    expect(parsed.messageId).toBe("<alerts-b1@sla.example.com>");
    expect(parsed.date?.toISOString()).toBe("2026-03-02T12:00:00.000Z");
    expect(parsed.headers.get("references")).toBe("<alerts-2026-03-02@sla.example.com>");
  });

  it("keeps hostile customer text escaped in the delivered HTML", async () => {
    await createSmtpMailer({ url: sink.url }).send(email());
    const html = String(sink.messages[0]?.parsed.html);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("cannot be made to inject a header through an account name, a subject or a header value", async () => {
    const items = [digestItem({ account: "AcmeHelp\r\nBcc: evil@x.com" })];
    await createSmtpMailer({ url: sink.url }).send(email({}, items));
    await createSmtpMailer({ url: sink.url }).send(
      email({
        subject: "Hello\r\nBcc: evil@x.com",
        headers: { References: "<a@b>\r\nBcc: evil@x.com", "X-Evil\r\nBcc": "evil@x.com" },
      }),
    );
    expect(sink.messages).toHaveLength(2);
    for (const { parsed, envelope, raw } of sink.messages) {
      expect(parsed.bcc).toBeUndefined();
      expect(parsed.headers.has("bcc")).toBe(false);
      expect(envelope.to).toEqual(["lead@example.com", "agent@example.com"]);
      const headerBlock = raw.toString("latin1").split("\r\n\r\n")[0] ?? "";
      expect(headerBlock).not.toMatch(/^bcc:/im);
    }
    expect(sink.messages[0]?.parsed.subject).toBe("[SLA] 1 breach — AcmeHelp Bcc: evil@x.com");
  });

  it("rejects with an error naming host:port when nothing listens", async () => {
    const port = await freePort();
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}` });
    await expect(mailer.send(email())).rejects.toThrow(`SMTP 127.0.0.1:${port}: connect ECONNREFUSED`);
  });

  it("rejects with the server's reply when it refuses, and never shows the password", async () => {
    const mailer = createSmtpMailer({ url: sink.url });
    sink.refuse(true);
    const error = await mailer.send(email()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(
      new RegExp(`^SMTP 127\\.0\\.0\\.1:${sink.port}: .*550 5\\.7\\.1 Delivery refused by test sink`),
    );
    expect(message).not.toContain("sink-pass");
    sink.refuse(true, { code: 451, message: "4.3.0 Try again later" });
    await expect(mailer.send(email())).rejects.toThrow(/451 4\.3\.0 Try again later/);
    expect(sink.messages).toHaveLength(0);
  });

  it("fails while the server is down and delivers once it is back on the same port", async () => {
    const mailer = createSmtpMailer({ url: sink.url });
    const port = sink.port;
    await sink.stop();
    await expect(mailer.send(email())).rejects.toThrow(`SMTP 127.0.0.1:${port}: connect ECONNREFUSED`);
    await sink.start();
    expect(sink.port).toBe(port);
    await mailer.send(email());
    expect(sink.messages).toHaveLength(1);
  });
});

describe("file mailer", () => {
  let dir: string;

  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), "sla-outbox-")), "outbox");
  });
  afterAll(() => {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  });

  it("writes an .eml that parses to the same fields as the SMTP message", async () => {
    const mailer = createFileMailer({ dir });
    expect(mailer.kind).toBe("outbox");
    expect(mailer.description).toBe(`outbox folder ${dir}`);
    const outgoing = email({ messageId: "<alerts-file@sla.example.com>" });
    await mailer.send(outgoing);

    const files = readdirSync(dir);
    expect(files).toEqual(["2026-03-02T12-00-00Z_alerts-file@sla.example.com.eml"]);
    const raw = readFileSync(join(dir, files[0] ?? ""));
    expect(raw.toString("latin1")).toMatch(/^[^\n]*\r\n/);
    const parsed = await simpleParser(raw);
    expect(addresses(parsed.to)).toEqual(["lead@example.com", "agent@example.com"]);
    expect(parsed.from?.value[0]?.address).toBe("sla@example.com");
    expect(parsed.subject).toBe(outgoing.subject);
    expect(parsed.text).toBe(outgoing.text);
    expect(parsed.html).toBe(outgoing.html);
    expect(parsed.messageId).toBe("<alerts-file@sla.example.com>");
    expect(parsed.date?.toISOString()).toBe("2026-03-02T12:00:00.000Z");
    expect(parsed.headers.get("references")).toBe("<alerts-2026-03-02@sla.example.com>");
  });

  it("replaces the file when the same Message-ID is written again, even at a later date", async () => {
    const mailer = createFileMailer({ dir });
    const messageId = "<alerts-retry/1@sla.example.com>";
    await mailer.send(email({ messageId, subject: "first" }));
    await mailer.send(email({ messageId, subject: "second", date: new Date("2026-03-02T12:05:00Z") }));

    const files = readdirSync(dir).filter((name) => name.includes("alerts-retry"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^2026-03-02T12-00-00Z_alerts-retry_1@sla\.example\.com-[0-9a-f]{8}\.eml$/);
    const parsed = await simpleParser(readFileSync(join(dir, files[0] ?? "")));
    expect(parsed.subject).toBe("second");
    expect(readdirSync(dir).some((name) => name.endsWith(".tmp"))).toBe(false);
  });
});
