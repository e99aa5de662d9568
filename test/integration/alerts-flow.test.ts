import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlertRunner } from "../../src/services/alert-runner.js";
import { LEASE_MS } from "../../src/services/deliver-alerts.js";
import { raiseAlerts } from "../../src/services/raise-alerts.js";
import { AlertStore } from "../../src/storage/alert-store.js";
import { SummaryStore } from "../../src/storage/summary-store.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { createTestService, TEST_TOKEN } from "../support/test-service.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => T0 + minutes * MIN;

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

type Service = ReturnType<typeof createTestService>;
const services: Service[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  sink.messages.length = 0;
  sink.refuse(false);
});

function service(env: Record<string, string> = {}): Service {
  const s = createTestService(
    {
      SMTP_URL: sink.url,
      ALERT_TO: "lead@example.com",
      ALERT_ESCALATION_TO: "head@example.com",
      SLA_SUMMARY_HOUR: "off",
      ...env,
    },
    T0,
  );
  services.push(s);
  return s;
}

const ask = (id: string, minutes: number, text = "@AcmeHelp where is my order?") => ({
  id,
  source: "x",
  direction: "inbound",
  author: `cust-${id}`,
  account: "AcmeHelp",
  at: new Date(at(minutes)).toISOString(),
  text,
});
const answer = (id: string, to: string, minutes: number) => ({
  id,
  source: "x",
  direction: "outbound",
  author: "AcmeHelp",
  in_reply_to: to,
  at: new Date(at(minutes)).toISOString(),
});

async function scanAt(s: Service, minutes: number) {
  s.setNow(at(minutes));
  return s.scan();
}

const alertSettings = (s: Service) => ({ policies: s.policies, alerts: s.deps.config.alerts });
const subjects = () => sink.messages.map((m) => `${m.envelope.to.join(",")}: ${m.parsed.subject}`);

describe("breach alerts by email", () => {
  it("warns, then reports the breach, then escalates, each once and in order", async () => {
    const s = service();
    await s.post(ask("1", 0));
    await scanAt(s, 60);
    expect(sink.messages).toHaveLength(0);
    await scanAt(s, 91);
    await scanAt(s, 95);
    await scanAt(s, 121);
    await scanAt(s, 181);
    await scanAt(s, 240);
    expect(subjects()).toEqual([
      "lead@example.com: [SLA] 1 at risk — AcmeHelp",
      "lead@example.com: [SLA] 1 breach — AcmeHelp",
      "head@example.com: [SLA] 1 escalation — AcmeHelp",
    ]);
    const breach = sink.messages[1]?.parsed;
    expect(breach?.text).toMatch(/where is my order/);
    expect(breach?.html).toContain("where is my order");
    // The link opens the conversation's page, not its JSON.
    expect(breach?.text).toMatch(/^ {2}http:\/\/[^/\s]+\/conversations\/x%3A1$/m);
    expect(breach?.messageId).toMatch(/^<alerts-.+@localhost>$/);
    expect(breach?.headers.get("references")).toBe("<alerts-2026-03-02@localhost>");
  });

  it("sends nothing for a conversation answered in time, or answered between two scans", async () => {
    const s = service();
    await s.post([ask("1", 0), answer("2", "1", 30), ask("3", 0)]);
    await scanAt(s, 80);
    await s.post(answer("4", "3", 85));
    await scanAt(s, 300);
    expect(sink.messages).toHaveLength(0);
    const alerts = await s.getJson("/v1/alerts");
    expect(alerts.body.alerts).toEqual([]);
  });

  it("groups a cycle's alerts into one email per recipient", async () => {
    const s = service();
    await s.post([ask("1", 0), ask("2", 10), ask("3", 20, "@AcmeHelp <script>alert(1)</script>")]);
    await scanAt(s, 125);
    expect(subjects()).toEqual(["lead@example.com: [SLA] 1 breach, 2 at risk — AcmeHelp"]);
    const mail = sink.messages[0]?.parsed;
    expect(mail?.html).not.toContain("<script>alert(1)</script>");
    expect(mail?.html).toContain("&lt;script&gt;");
  });

  it("a repeated scan, or two scans at once, send each alert once", async () => {
    const s = service();
    await s.post(ask("1", 0));
    s.setNow(at(130));
    const other = new AlertRunner(
      {
        db: s.handle.db,
        alerts: new AlertStore(s.handle),
        summaries: new SummaryStore(s.handle.db),
        policies: s.policies,
        mailer: s.deps.alerts.mailer,
        config: s.deps.config,
      },
      () => at(130),
    );
    await Promise.all([s.deps.alerts.runOnce(at(130)), other.runOnce(at(130)), other.runOnce(at(130))]);
    await scanAt(s, 131);
    expect(subjects()).toEqual(["lead@example.com: [SLA] 1 breach — AcmeHelp"]);
  });

  it("keeps alerts while SMTP refuses connections and delivers each once when it accepts again", async () => {
    const s = service();
    await s.post([ask("1", 0), ask("2", 5)]);
    await sink.stop();
    const first = await scanAt(s, 130);
    expect(first?.delivery).toMatchObject({ emails: 0, retrying: 2 });
    const status = await s.getJson("/v1/status");
    expect(status.body.alerts).toMatchObject({ delivery: "smtp", pending: 2, failed: 0 });
    const listed = await s.getJson("/v1/alerts?status=pending");
    expect((listed.body.alerts as Array<{ last_error: string }>)[0]?.last_error).toMatch(
      /ECONNREFUSED|connect/,
    );
    await scanAt(s, 130.2);
    expect(sink.messages).toHaveLength(0);
    await sink.start();
    await scanAt(s, 131);
    expect(subjects()).toEqual(["lead@example.com: [SLA] 2 breaches — AcmeHelp"]);
    await scanAt(s, 200);
    await scanAt(s, 300);
    expect(subjects()).toHaveLength(2);
    expect(subjects()[1]).toBe("head@example.com: [SLA] 2 escalations — AcmeHelp");
  });

  it("marks a delivery failed after the last attempt, visibly", async () => {
    const s = service({ SLA_ALERT_MAX_ATTEMPTS: "2" });
    await s.post(ask("1", 0));
    sink.refuse(true);
    await scanAt(s, 130);
    await scanAt(s, 140);
    const failed = await s.getJson("/v1/alerts?status=failed");
    expect(failed.body.alerts).toMatchObject([{ level: "breach", status: "failed", attempts: 2 }]);
    expect((await s.getJson("/v1/status")).body.alerts).toMatchObject({ failed: 1 });
  });

  it("a crash between the outbox write and the send loses nothing and sends once", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "sla-crash-")), "sla.db");
    const first = service({ SLA_DB: db });
    await first.post(ask("1", 0));
    await raiseAlerts(first.deps.alerts.store, alertSettings(first), at(130));
    await first.close();
    services.splice(services.indexOf(first), 1);

    const second = service({ SLA_DB: db });
    await scanAt(second, 131);
    await scanAt(second, 132);
    expect(subjects()).toEqual(["lead@example.com: [SLA] 1 breach — AcmeHelp"]);
  });

  it("a send cut short after the claim is retried as the same message once the lease ends", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "sla-crash-")), "sla.db");
    const first = service({ SLA_DB: db });
    await first.post(ask("1", 0));
    const store = first.deps.alerts.store;
    await raiseAlerts(store, alertSettings(first), at(130));
    expect(store.readyBatches(at(130))).toEqual([
      { batchId: null, messageId: null, recipient: "lead@example.com" },
    ]);
    const claim = {
      batchId: "batch-1",
      messageId: "<alerts-batch-1@localhost>",
      recipient: "lead@example.com",
      resumed: false,
    };
    expect(await store.claim(claim, at(130) + LEASE_MS, at(130))).toBe(1);
    await first.close();
    services.splice(services.indexOf(first), 1);

    const second = service({ SLA_DB: db });
    await scanAt(second, 131);
    expect(sink.messages).toHaveLength(0);
    await scanAt(second, 130 + LEASE_MS / MIN + 1);
    await scanAt(second, 140);
    expect(sink.messages.map((m) => m.parsed.messageId)).toEqual(["<alerts-batch-1@localhost>"]);
  });

  it("an acknowledged breach does not escalate, and the acknowledgement records who and when", async () => {
    const s = service();
    await s.post(ask("1", 0));
    await scanAt(s, 125);
    const listed = await s.getJson("/v1/alerts?level=breach");
    const id = (listed.body.alerts as Array<{ id: number }>)[0]?.id;
    s.setNow(at(150));
    const ack = await s.app.request(`/v1/alerts/${id}/ack`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ by: "jane" }),
    });
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({
      acknowledged_by: "jane",
      acknowledged_at: new Date(at(150)).toISOString(),
    });
    await scanAt(s, 300);
    expect(subjects()).toEqual(["lead@example.com: [SLA] 1 breach — AcmeHelp"]);
  });

  it("a breach answered late is shown as answered late in the next email", async () => {
    const s = service();
    await s.post(ask("1", 0));
    await scanAt(s, 125);
    await s.post([answer("2", "1", 140), ask("3", 100)]);
    await scanAt(s, 221);
    expect(sink.messages).toHaveLength(2);
    const next = sink.messages[1]?.parsed;
    expect(next?.text).toMatch(/answered late/i);
    expect(next?.text).toContain("cust-1");
    const status = await s.getJson("/v1/status");
    expect(status.body.answered_late).toMatchObject([{ id: "x:1", late_by_ms: 20 * MIN }]);
  });

  it("rejects acknowledging a warning or an unknown alert", async () => {
    const s = service();
    await s.post(ask("1", 0));
    await scanAt(s, 95);
    const post = (id: string | number, body: unknown) =>
      s.app.request(`/v1/alerts/${id}/ack`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const warning = (await s.getJson("/v1/alerts")).body.alerts as Array<{ id: number }>;
    expect((await post(warning[0]?.id ?? 0, { by: "jane" })).status).toBe(409);
    expect((await post(999, { by: "jane" })).status).toBe(404);
    const missing = await post(warning[0]?.id ?? 0, {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/^by: /);
  });
});

describe("without SMTP", () => {
  it("writes each email to the outbox folder, counts it delivered and says so in the status", async () => {
    const s = createTestService({ SLA_SUMMARY_HOUR: "off" }, T0);
    services.push(s);
    await s.post(ask("1", 0));
    await scanAt(s, 125);
    const files = readdirSync(s.outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const status = await s.getJson("/v1/status");
    expect(status.body.alerts).toMatchObject({ delivery: "outbox", sent: 1, pending: 0 });
    expect((status.body.alerts as { destination: string }).destination).toContain(s.outbox);
  });
});

describe("the daily summary", () => {
  it("is sent once a day after the configured local hour, with yesterday's numbers and breaches", async () => {
    const s = service({ SLA_SUMMARY_HOUR: "9", SLA_SUMMARY_TZ: "Europe/Berlin" });
    await s.post([ask("1", -20 * 60), answer("2", "1", -20 * 60 + 30), ask("3", -19 * 60)]);
    await scanAt(s, -19 * 60 + 125);
    expect(subjects()).toEqual([
      "lead@example.com: [SLA] 1 breach — AcmeHelp",
      "lead@example.com: [SLA] Daily summary 2026-02-28: response rate - (goal 100%), FCR - (goal 70%)",
    ]);
    const daily = () => sink.messages.filter((m) => m.parsed.subject?.includes("Daily summary"));
    await scanAt(s, -70);
    expect(daily()).toHaveLength(1);
    await scanAt(s, -50);
    await scanAt(s, 30);
    const summaries = daily().slice(1);
    expect(summaries.map((m) => m.parsed.subject)).toEqual([
      "[SLA] Daily summary 2026-03-01: response rate 50.0% (goal 100%), FCR - (goal 70%)",
    ]);
    expect(summaries[0]?.parsed.text).toContain("cust-3");
    expect(summaries[0]?.parsed.messageId).toBe("<summary-2026-03-01@sla-monitor>");
  });
});
