import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { renderAlertDigest } from "../../src/services/alert-email.js";
import { FUZZ_NOW, markupText } from "../support/arbitraries.js";
import { createTestService } from "../support/test-service.js";

type Service = ReturnType<typeof createTestService>;
const open: Service[] = [];
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

const HOUR = 3_600_000;
/** Markup every generated text holds: it must never reach a page or an HTML email unescaped. */
const RAW_MARKUP = ['<b id="x">', '<script>alert("x")</script>', "<script>alert(1)", "<img src=x"];

function expectEscaped(html: string, where: string) {
  for (const raw of RAW_MARKUP) expect(html.includes(raw), `${where} holds raw ${raw}`).toBe(false);
  expect(html, where).toContain("&lt;b id=");
}

/** A service holding one open, breaching conversation whose customer, account and text are `text`. */
async function serviceWith(text: string) {
  const s = createTestService(
    {
      SLA_RATE_LIMIT: "off",
      SLA_LOG_LEVEL: "silent",
      ALERT_TO: "leads@example.com",
      SLA_SUMMARY_HOUR: "off",
    },
    FUZZ_NOW,
  );
  open.push(s);
  const at = new Date(FUZZ_NOW - 3 * HOUR).toISOString();
  const response = await s.post({
    id: "e1",
    source: "x",
    direction: "inbound",
    author: text,
    account: text,
    at,
    text,
  });
  expect(response.status).toBe(200);
  return s;
}

describe("user-supplied strings are escaped everywhere they are shown", () => {
  it("on the status page and the conversation page", async () => {
    await fc.assert(
      fc.asyncProperty(markupText, async (text) => {
        const s = await serviceWith(text);
        const page = await (await s.app.request("/")).text();
        expectEscaped(page, "status page");
        const id = ((await s.getJson("/v1/status")).body.breaching as { id: string }[])[0]?.id ?? "";
        const detail = await s.app.request(`/conversations/${encodeURIComponent(id)}`);
        expect(detail.status).toBe(200);
        expectEscaped(await detail.text(), "conversation page");
        const filtered = await (
          await s.app.request(`/?account=${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ""))}`)
        ).text();
        for (const raw of RAW_MARKUP) expect(filtered.includes(raw)).toBe(false);
        await s.close();
        open.pop();
      }),
      { numRuns: 15 },
    );
  });

  it("in the alert email written by a scan: escaped HTML, no header injection", async () => {
    await fc.assert(
      fc.asyncProperty(markupText, async (text) => {
        const s = await serviceWith(text);
        await s.scan();
        const files = readdirSync(s.outbox).filter((name) => name.endsWith(".eml"));
        expect(files.length).toBe(1);
        const raw = readFileSync(join(s.outbox, files[0] ?? ""), "utf8");
        const mail = await simpleParser(raw);
        expect(mail.subject ?? "").not.toMatch(/[\r\n]/);
        expect(mail.subject).toMatch(/^\[SLA\] /);
        expect(mail.headers.has("bcc")).toBe(false);
        expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("leads@example.com");
        expectEscaped(typeof mail.html === "string" ? mail.html : "", "email html");
        await s.close();
        open.pop();
      }),
      { numRuns: 15 },
    );
  });

  it("in a rendered alert digest of any level", () => {
    const level = fc.constantFrom("warning", "breach", "escalation", "answered_late") as fc.Arbitrary<
      "warning" | "breach" | "escalation" | "answered_late"
    >;
    fc.assert(
      fc.property(markupText, markupText, markupText, level, (account, customer, excerpt, lvl) => {
        const email = renderAlertDigest(
          [
            {
              level: lvl,
              target: "first_response",
              answeredSince: false,
              conversationId: `x:${customer}`,
              account,
              source: "x",
              customer,
              excerpt,
              startedAt: FUZZ_NOW - 3 * HOUR,
              dueAt: FUZZ_NOW - HOUR,
              firstResponseAt: lvl === "answered_late" ? FUZZ_NOW : null,
              link: `https://sla.example.com/conversations/${encodeURIComponent(customer.replace(/[\ud800-\udfff]/g, ""))}`,
            },
          ],
          { now: FUZZ_NOW },
        );
        expect(/[\r\n]/.test(email.subject) || email.subject.includes(String.fromCharCode(0))).toBe(false);
        expectEscaped(email.html, "digest html");
      }),
      { numRuns: 200 },
    );
  });
});
