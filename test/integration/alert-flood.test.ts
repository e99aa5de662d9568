import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LEASE_MS } from "../../src/services/deliver-alerts.js";
import { raiseAlerts } from "../../src/services/raise-alerts.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { createTestService } from "../support/test-service.js";

// More conversations than one page of the open queue, one claim chunk or one page of a batch (the store
// reads and writes those in pages of at most 2000 rows), so every cycle here goes over several pages.
const FLOOD = 2600;
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
});

function service(): Service {
  const s = createTestService(
    {
      SMTP_URL: sink.url,
      ALERT_TO: "lead@example.com",
      ALERT_ESCALATION_TO: "head@example.com",
      SLA_SUMMARY_HOUR: "off",
    },
    T0,
  );
  services.push(s);
  return s;
}

const asks = (from: number, count: number, minutes: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: String(from + i),
    source: "x",
    direction: "inbound",
    author: `cust-${from + i}`,
    account: "AcmeHelp",
    at: new Date(at(minutes)).toISOString(),
    text: "@AcmeHelp where is my order?",
  }));

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

const mails = () =>
  sink.messages.map((m) => ({
    to: m.envelope.to.join(","),
    subject: m.parsed.subject,
    messageId: m.parsed.messageId,
    text: m.parsed.text ?? "",
  }));

describe("a flood of alerts", () => {
  it("is raised and sent as one email per recipient, each alert once, and later notices still come", async () => {
    const s = service();
    expect((await s.post(asks(0, FLOOD, 0))).status).toBe(200);
    const first = await scanAt(s, 125);
    expect(first?.created).toEqual({ warning: 0, breach: FLOOD, escalation: 0, answered_late: 0 });
    expect(first?.delivery).toEqual({ emails: 1, delivered: FLOOD, failed: 0, retrying: 0 });
    expect(first?.pending).toBe(0);
    const [breaches] = mails();
    expect(breaches?.subject).toBe(`[SLA] ${FLOOD} breaches — AcmeHelp`);
    expect(breaches?.text).toContain(`Breaches (${FLOOD})`);
    expect(breaches?.text).toContain(`… and ${FLOOD - 50} more`);

    // One of the last conversations is answered: its breach is found past the first pages of alerts.
    await s.post(answer("r1", String(FLOOD - 3), 130));
    const second = await scanAt(s, 190);
    expect(second?.created).toEqual({ warning: 0, breach: 0, escalation: FLOOD - 1, answered_late: 1 });
    expect(second?.delivery).toEqual({ emails: 2, delivered: FLOOD, failed: 0, retrying: 0 });
    const later = mails().slice(1);
    expect(later.map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
      `head@example.com: [SLA] ${FLOOD - 1} escalations — AcmeHelp`,
      "lead@example.com: [SLA] 1 answered late — AcmeHelp",
    ]);
    expect(later.find((m) => m.to === "lead@example.com")?.text).toContain(`cust-${FLOOD - 3}`);

    const third = await scanAt(s, 191);
    expect(third?.created).toEqual({ warning: 0, breach: 0, escalation: 0, answered_late: 0 });
    expect(third?.delivery.emails).toBe(0);
    expect(sink.messages).toHaveLength(3);
    const status = await s.getJson("/v1/status");
    expect(status.body.alerts).toMatchObject({ pending: 0, sent: 2 * FLOOD, failed: 0 });
  });

  it("a large batch left claimed is sent again whole as the same message; what came since goes apart", async () => {
    const s = service();
    await s.post(asks(0, FLOOD, 0));
    const store = s.deps.alerts.store;
    await raiseAlerts(store, { policies: s.policies, alerts: s.deps.config.alerts }, at(125));
    const claim = {
      batchId: "batch-1",
      messageId: "<alerts-batch-1@localhost>",
      recipient: "lead@example.com",
      resumed: false,
    };
    expect(await store.claim(claim, at(125) + LEASE_MS, at(125))).toBe(FLOOD);
    // The send never happens (the process died). While the lease holds, nobody else takes the batch.
    expect(await store.claim({ ...claim, batchId: "batch-2" }, at(126) + LEASE_MS, at(126))).toBe(0);
    await s.post(asks(FLOOD, 1, 5));
    await scanAt(s, 126);
    expect(mails().map((m) => m.subject)).toEqual(["[SLA] 1 breach — AcmeHelp"]);

    await scanAt(s, 125 + LEASE_MS / MIN + 1);
    const resent = mails().slice(1);
    expect(resent.map((m) => [m.messageId, m.subject])).toEqual([
      ["<alerts-batch-1@localhost>", `[SLA] ${FLOOD} breaches — AcmeHelp`],
    ]);
    await scanAt(s, 140);
    expect(sink.messages).toHaveLength(2);
    expect((await s.getJson("/v1/status")).body.alerts).toMatchObject({ pending: 0, sent: FLOOD + 1 });
  });
});
