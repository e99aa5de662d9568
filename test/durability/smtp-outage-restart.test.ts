import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createNodeService, type NodeService } from "../../src/runtime/node-service.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { scratchDir, TOKEN } from "./serve-process.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const MIN = 60_000;

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

/** A service on the file with the real SMTP mailer and a clock the test sets. */
function open(dbPath: string, dir: string, clock: { now: number }): NodeService {
  const config = loadConfig({
    SLA_DB: dbPath,
    SLA_API_TOKEN: TOKEN,
    SLA_OUTBOX_DIR: join(dir, "outbox"),
    SLA_SUMMARY_HOUR: "off",
    SMTP_URL: sink.url,
    ALERT_TO: "lead@example.com",
    ALERT_ESCALATION_TO: "head@example.com",
  });
  return createNodeService(config, { clock: () => clock.now });
}

const ask = (id: string, minutes: number) => ({
  id,
  source: "x",
  direction: "inbound",
  author: `cust-${id}`,
  account: "AcmeHelp",
  at: new Date(T0 + minutes * MIN).toISOString(),
  text: "@AcmeHelp where is my order?",
});

interface DeliveryRow {
  conversation_id: string;
  level: string;
  recipient: string;
  status: string;
  attempts: number;
  message_id: string | null;
}

function deliveries(service: NodeService): DeliveryRow[] {
  return service.handle.sqlite
    .prepare(
      `SELECT a.conversation_id, a.level, d.recipient, d.status, d.attempts, d.message_id
       FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id ORDER BY d.id`,
    )
    .all() as DeliveryRow[];
}

const bare = (id: string | null | undefined) => (id ?? "").replace(/^<|>$/g, "");

describe("alerts raised while SMTP is down, across a restart", () => {
  it("are all delivered once SMTP is back, each exactly once", async () => {
    const dir = scratchDir("sla-outage-");
    const dbPath = join(dir, "sla.db");
    const clock = { now: T0 };
    await sink.stop();

    const first = open(dbPath, dir, clock);
    const posted = await first.app.request("/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify([ask("1", 0), ask("2", 20), ask("3", 40)]),
    });
    expect(posted.status).toBe(200);
    // Warnings, breaches and an escalation come due while every connection to SMTP is refused.
    for (const minutes of [95, 125, 185]) {
      clock.now = T0 + minutes * MIN;
      await first.deps.alerts.runOnce(clock.now);
    }
    const before = deliveries(first);
    expect(before.map((row) => `${row.conversation_id} ${row.level} ${row.recipient}`).sort()).toEqual([
      "x:1 breach lead@example.com",
      "x:1 escalation head@example.com",
      "x:1 warning lead@example.com",
      "x:2 breach lead@example.com",
      "x:2 warning lead@example.com",
      "x:3 breach lead@example.com",
    ]);
    expect(before.every((row) => row.status === "pending" && row.attempts > 0)).toBe(true);
    expect(sink.messages).toHaveLength(0);
    await first.close();

    const second = open(dbPath, dir, clock);
    await sink.start();
    for (let cycle = 0; cycle < 40 && second.deps.alerts.store.deliveryCounts().pending > 0; cycle++) {
      clock.now += MIN;
      await second.deps.alerts.runOnce(clock.now);
    }
    // A few more cycles: nothing is sent twice.
    for (let cycle = 0; cycle < 3; cycle++) {
      clock.now += MIN;
      await second.deps.alerts.runOnce(clock.now);
    }
    const after = deliveries(second);
    await second.close();

    expect(after).toHaveLength(before.length);
    expect(after.every((row) => row.status === "sent")).toBe(true);
    // Everything pending went out together: one email per recipient.
    expect(sink.messages).toHaveLength(2);
    const keys = sink.messages.map((m) => `${m.envelope.to.join(",")} ${m.parsed.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every delivery's email reached its recipient exactly once.
    for (const recipient of ["lead@example.com", "head@example.com"]) {
      const received = sink.messages
        .filter((m) => m.envelope.to.includes(recipient))
        .map((m) => bare(m.parsed.messageId));
      const expected = new Set(
        after.filter((row) => row.recipient === recipient).map((r) => bare(r.message_id)),
      );
      expect(received.length).toBeGreaterThan(0);
      expect(received.sort()).toEqual([...expected].sort());
    }
  });
});
