import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chat, writeBusinessHoursConfig } from "../support/business-hours.js";
import { artifact, DESKTOP, PHONE } from "./support/browser.js";
import { useE2eHarness } from "./support/harness.js";

// The server's clock starts on Monday 9 March 2026, 13:00 in Berlin: a holiday of the office calendar.
const e2e = useE2eHarness({
  env: { SLA_CONFIG: writeBusinessHoursConfig({ date: "2026-03-09", name: "Staff Day" }) },
  events: [
    // Saturday 11:00 in Berlin: the clock waits for Tuesday 09:00 (Monday is the holiday).
    chat("w1", "inbound", "2026-03-07T10:00:00Z", { text: "@AcmeHelp my order never arrived" }),
    // Thursday 16:00, answered at 16:20; the customer's follow-up at 16:50 waits for its next response.
    chat("e1", "inbound", "2026-03-05T15:00:00Z", { text: "@AcmeHelp wrong size delivered" }),
    chat("e2", "outbound", "2026-03-05T15:20:00Z", { in_reply_to: "e1", text: "Sorry! Which size?" }),
    chat("e3", "inbound", "2026-03-05T15:50:00Z", { in_reply_to: "e2", text: "I ordered M, got XL" }),
  ],
});

async function open(path: string, options: { viewport?: typeof DESKTOP; javaScript?: boolean } = {}) {
  const context = await e2e.browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${e2e.server.url}${path}`);
  return { page, errors };
}

const cellTexts = async (page: Page, selector: string) =>
  (await page.locator(selector).allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());

describe("conversation page in Chromium", () => {
  it("explains a deadline that waits for business hours with the clock's segments", async () => {
    const { page, errors } = await open("/conversations/chat%3Aw1");
    await expect(page.title()).resolves.toBe("Conversation chat:w1 · SLA monitor");
    await expect(page.locator(".facts").innerText()).resolves.toContain(
      "office-hours v1 · calendar office (Europe/Berlin)",
    );
    await expect(cellTexts(page, '#targets tr[data-target="first_response"] td')).resolves.toEqual([
      "First response",
      "Running",
      "Sat 7 Mar, 11:00",
      "Tue 10 Mar, 09:00",
      "Tue 10 Mar, 11:00",
      "not yet",
      "0m of 2h",
      "4 segments explaining the first response deadline",
    ]);
    const clock = page.locator('details[data-clock="0"]');
    await expect(clock.getAttribute("open")).resolves.toBe("");
    const segments = clock.locator("table.segments");
    expect(await segments.isVisible()).toBe(true);
    const kinds = await segments
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("class")));
    expect(kinds).toEqual(["closed", "holiday", "closed", "counted"]);
    await expect(cellTexts(page, 'details[data-clock="0"] tbody td:first-child')).resolves.toEqual([
      "Outside business hours",
      "Holiday: Staff Day",
      "Outside business hours",
      "Counted",
    ]);
    await expect(cellTexts(page, 'details[data-clock="0"] tbody tr:last-child td')).resolves.toEqual([
      "Counted",
      "Tue 10 Mar, 09:00",
      "Tue 10 Mar, 11:00",
      "2h",
      "2h",
    ]);
    await page.screenshot({ path: artifact("conversation-explain-desktop"), fullPage: true });
    // Nothing was blocked by the content security policy, and nothing failed.
    expect(errors).toEqual([]);
  }, 20_000);

  it("folds clocks that have ended; their summary or Explain link unfolds them without JavaScript", async () => {
    const { page, errors } = await open("/conversations/chat%3Ae1", { javaScript: false });
    const statuses = await cellTexts(page, "#targets tbody td[data-label=Status]");
    expect(statuses).toEqual(["Met", "Breaching", "Breaching"]);
    const first = page.locator('details[data-clock="0"]');
    expect(await first.locator("table.segments").isVisible()).toBe(false);
    expect(await page.locator('details[data-clock="1"] table.segments').isVisible()).toBe(true);
    await first.locator("summary").click();
    expect(await first.locator("table.segments").isVisible()).toBe(true);
    await first.locator("summary").click();
    expect(await first.locator("table.segments").isVisible()).toBe(false);
    await page.click('#targets a[href="#clock-0"]');
    await expect.poll(() => first.locator("table.segments").isVisible(), { timeout: 3000 }).toBe(true);
    await expect(first.locator("summary").innerText()).resolves.toBe(
      "First response: why it is due Fri 6 Mar, 10:00",
    );
    await page.screenshot({ path: artifact("conversation-explain-clocks"), fullPage: true });
    expect(errors).toEqual([]);
  }, 20_000);

  it("fits a phone screen", async () => {
    const { page } = await open("/conversations/chat%3Aw1", { viewport: PHONE });
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.locator('details[data-clock="0"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("conversation-explain-phone"), fullPage: true });
  }, 20_000);
});
