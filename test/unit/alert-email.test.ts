import { describe, expect, it } from "vitest";
import { MAX_SECTION_ITEMS, renderAlertDigest } from "../../src/services/alert-email.js";
import type { DigestItem } from "../../src/services/digest-item.js";
import { excerptOf, formatTime } from "../../src/services/email-parts.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse("2026-03-02T09:00:00Z");

let next = 0;
function item(overrides: Partial<DigestItem> = {}): DigestItem {
  next++;
  return {
    level: "breach",
    target: "first_response",
    answeredSince: false,
    conversationId: `x:${next}`,
    account: "AcmeHelp",
    source: "x",
    customer: `customer_${next}`,
    excerpt: "@AcmeHelp my parcel is late",
    startedAt: T0,
    dueAt: T0 + 2 * HOUR,
    firstResponseAt: null,
    link: `https://sla.example.com/conversations/x%3A${next}`,
    ...overrides,
  };
}

const now = T0 + 3 * HOUR;
const subjectOf = (items: DigestItem[]) => renderAlertDigest(items, { now }).subject;

describe("alert subject", () => {
  it("counts each level with the right plural, most urgent first", () => {
    expect(subjectOf([item({ level: "breach" })])).toBe("[SLA] 1 breach — AcmeHelp");
    expect(
      subjectOf([item({ level: "warning" }), item({ level: "breach" }), item({ level: "breach" })]),
    ).toBe("[SLA] 2 breaches, 1 at risk — AcmeHelp");
    expect(
      subjectOf([
        item({ level: "warning" }),
        item({ level: "escalation" }),
        item({ level: "escalation" }),
        item({ level: "breach" }),
        item({ level: "warning" }),
      ]),
    ).toBe("[SLA] 2 escalations, 1 breach, 2 at risk — AcmeHelp");
    expect(subjectOf([item({ level: "escalation" })])).toBe("[SLA] 1 escalation — AcmeHelp");
  });

  it("does not count answered-late items, unless there is nothing else", () => {
    expect(
      subjectOf([item({ level: "breach" }), item({ level: "answered_late", firstResponseAt: now })]),
    ).toBe("[SLA] 1 breach — AcmeHelp");
    expect(subjectOf([item({ level: "answered_late", firstResponseAt: now })])).toBe(
      "[SLA] 1 answered late — AcmeHelp",
    );
  });

  it("names one to three accounts, then counts them", () => {
    expect(subjectOf([item({ account: "ZedCare" }), item({ account: "AcmeHelp" })])).toBe(
      "[SLA] 2 breaches — AcmeHelp, ZedCare",
    );
    expect(subjectOf(["C", "A", "B", "A"].map((account) => item({ account })))).toBe(
      "[SLA] 4 breaches — A, B, C",
    );
    expect(subjectOf(["A", "B", "C", "D"].map((account) => item({ account })))).toBe(
      "[SLA] 4 breaches — 4 accounts",
    );
  });

  it("never lets a control character of an account name reach the subject", () => {
    const subject = subjectOf([
      item({ account: "AcmeHelp\r\nBcc: evil@x.com" }),
      item({ account: "Zed\u0000\tCare" }),
    ]);
    expect(subject).toBe("[SLA] 2 breaches — AcmeHelp Bcc: evil@x.com, Zed Care");
    expect(subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
  });
});

describe("alert items", () => {
  it("says how far overdue, how much is left, or when it was answered, at now", () => {
    const { text, html } = renderAlertDigest(
      [
        item({ level: "breach", dueAt: now - HOUR - 5 * MIN }),
        item({ level: "warning", dueAt: now + HOUR + 5 * MIN }),
        item({
          level: "answered_late",
          startedAt: T0,
          dueAt: T0 + 2 * HOUR,
          firstResponseAt: T0 + 130 * MIN,
        }),
      ],
      { now },
    );
    for (const part of [text, html]) {
      expect(part).toContain("overdue by 1h 5m");
      expect(part).toContain("1h 5m left");
      expect(part).toContain("answered after 2h 10m (10m late)");
    }
  });

  it("lists each conversation with account, source, customer, excerpt, times and link", () => {
    const { text } = renderAlertDigest(
      [item({ conversationId: "x:42", customer: "jane_doe", link: "https://sla.example.com/c/42" })],
      { now },
    );
    expect(text).toContain("* AcmeHelp on x, from jane_doe: overdue by 1h");
    expect(text).toContain('"@AcmeHelp my parcel is late"');
    expect(text).toContain("started 2026-03-02 09:00 UTC, due 2026-03-02 11:00 UTC");
    expect(text).toContain("https://sla.example.com/c/42");
  });

  it("puts sections in urgency order with their counts", () => {
    const { text } = renderAlertDigest(
      [
        item({ level: "answered_late", firstResponseAt: now }),
        item({ level: "warning", dueAt: now + HOUR }),
        item({ level: "breach" }),
        item({ level: "escalation" }),
      ],
      { now },
    );
    const order = [
      "Escalations (1)",
      "Breaches (1)",
      "At risk (1)",
      "Answered late since the last email (1)",
    ].map((heading) => text.indexOf(heading));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("cuts a long first message to about 200 characters without splitting a character", () => {
    const long = "😀".repeat(300);
    const cut = excerptOf(long);
    expect(cut.endsWith("…")).toBe(true);
    expect([...cut]).toHaveLength(201);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    const words = excerptOf("word ".repeat(100));
    expect(words.length).toBeLessThanOrEqual(201);
    expect(words.endsWith("word…")).toBe(true);
    expect(excerptOf("short\r\ntext")).toBe("short text");
    expect(excerptOf(null)).toBe("(no text)");
  });
});

describe("alert HTML", () => {
  const hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";

  it("escapes hostile customer text, names and links", () => {
    const { html } = renderAlertDigest(
      [
        item({ excerpt: hostile, customer: '"><b>bob</b>', account: "<i>Acme</i>" }),
        item({ link: "javascript:alert(3)" }),
      ],
      { now },
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>bob");
    expect(html).not.toContain("<i>Acme");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("&lt;i&gt;Acme&lt;/i&gt;");
  });

  it("is an accessible document: language, title, headings, table headers", () => {
    const { html, subject } = renderAlertDigest([item(), item({ level: "warning", dueAt: now + HOUR })], {
      now,
    });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<title>${subject}</title>`);
    expect(html).toMatch(/<h1[^>]*>SLA alert<\/h1>/);
    expect(html).toMatch(/<h2[^>]*>Breaches \(1\)<\/h2>/);
    expect(html).toMatch(/<h2[^>]*>At risk \(1\)<\/h2>/);
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<a href="https://sla.example.com/conversations/');
  });
});

describe("times", () => {
  it("formats in the given zone with its abbreviation", () => {
    expect(formatTime(T0)).toBe("2026-03-02 09:00 UTC");
    expect(formatTime(T0, "Europe/Paris")).toBe("2026-03-02 10:00 CET");
    expect(formatTime(Date.parse("2026-07-01T09:00:00Z"), "Europe/Paris")).toBe("2026-07-01 11:00 CEST");
    expect(formatTime(T0, "America/New_York")).toBe("2026-03-02 04:00 EST");
    expect(formatTime(Date.parse("2026-07-01T09:00:00Z"), "Europe/London")).toBe("2026-07-01 10:00 BST");
    expect(formatTime(T0, "Asia/Kolkata")).toBe("2026-03-02 14:30 GMT+5:30");
    expect(formatTime(Date.parse("2026-03-01T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-02 08:30 GMT+9");
  });

  it("renders the email's times in the requested zone", () => {
    const { text } = renderAlertDigest([item()], { now, timeZone: "America/New_York" });
    expect(text).toContain("started 2026-03-02 04:00 EST, due 2026-03-02 06:00 EST");
    expect(text).toContain("As of 2026-03-02 07:00 EST.");
  });

  it("rejects an unknown zone", () => {
    expect(() => renderAlertDigest([item()], { now, timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});

describe("a flood of alerts", () => {
  it("lists at most MAX_SECTION_ITEMS per section and counts and links the rest", () => {
    const now = Date.parse("2026-03-02T12:00:00Z");
    const items = Array.from({ length: MAX_SECTION_ITEMS + 7 }, (_, i) => ({
      level: "breach" as const,
      conversationId: `x:${i}`,
      account: "AcmeHelp",
      source: "x",
      customer: `customer-${i}`,
      excerpt: "where is my order?",
      startedAt: now - 5 * 3_600_000 + i * 1000,
      dueAt: now - 3 * 3_600_000 + i * 1000,
      firstResponseAt: null,
      link: `https://sla.example.com/conversations/x:${i}`,
      target: "first_response" as const,
      answeredSince: false,
    }));
    const email = renderAlertDigest(items, { now, statusUrl: "https://sla.example.com/" });
    expect(email.subject).toBe(`[SLA] ${MAX_SECTION_ITEMS + 7} breaches — AcmeHelp`);
    expect(email.text).toContain(`Breaches (${MAX_SECTION_ITEMS + 7})`);
    expect(email.text).toContain("… and 7 more: https://sla.example.com/");
    expect(email.text).toContain("customer-0");
    expect(email.text.match(/customer-\d+/g)).toHaveLength(MAX_SECTION_ITEMS);
    expect(email.html).toContain("and 7 more");
    expect(email.html).toContain('href="https://sla.example.com/"');
  });

  it("names the target of a next-response or resolution alert, and a follow-up answered since", () => {
    const email = renderAlertDigest(
      [
        item({ target: "next_response", level: "breach" }),
        item({ target: "resolution", level: "warning", dueAt: now + HOUR }),
        item({ target: "next_response", level: "escalation", answeredSince: true }),
      ],
      { now },
    );
    expect(email.text).toContain("next response: overdue by 1h");
    expect(email.text).toContain("resolution: 1h left");
    expect(email.text).toContain("next response: answered since");
    expect(email.html).toContain("resolution: ");
  });
});
