import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { artifact, DESKTOP, PHONE } from "./support/browser.js";
import { useE2eHarness } from "./support/harness.js";
import { BASE, HOSTILE } from "./support/server.js";

const e2e = useE2eHarness();

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

const rows = (page: Page) => page.locator("table.queue tbody tr");

describe("status page in Chromium", () => {
  it("loads with the breaching conversation first and the failed-delivery banner", async () => {
    const { page, errors } = await open("/");
    await expect(page.title()).resolves.toBe("Status · SLA monitor");
    const first = rows(page).first();
    await expect(first.getAttribute("data-id")).resolves.toBe("x:late1");
    await expect(first.getAttribute("class")).resolves.toBe("breaching");
    await expect(first.locator(".badge").innerText()).resolves.toBe("Breaching");
    const states = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("class")));
    expect(states).toEqual(["breaching", "breaching", "at_risk", "open", "open"]);
    await expect(page.locator("#failed-deliveries").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifact("status-desktop"), fullPage: true });
    expect(errors).toEqual([]);
  }, 20_000);

  it("ticks the countdowns every second", async () => {
    const { page } = await open("/");
    const countdown = page.locator("table.queue .countdown").first();
    const before = await countdown.innerText();
    expect(before).toMatch(/^overdue 1h 20m \d\ds$/);
    // Polled from the test: the page's CSP forbids the eval behind Playwright's string predicates.
    await expect.poll(() => countdown.innerText(), { timeout: 3000, interval: 200 }).not.toBe(before);
    expect(await countdown.innerText()).toMatch(/^overdue 1h 20m \d\ds$/);
  }, 20_000);

  it("narrows the list with a filter that lives in the URL", async () => {
    const { page } = await open("/");
    await Promise.all([
      page.waitForURL(/account=ZedCare/),
      page.selectOption("select[name=account]", "ZedCare"),
    ]);
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")));
    expect(ids).toEqual(["email:late2", "email:new2"]);
    await expect(page.locator("select[name=account]").inputValue()).resolves.toBe("ZedCare");
    await page.screenshot({ path: artifact("status-filtered"), fullPage: true });
  }, 20_000);

  it("filters without JavaScript too (a plain GET form)", async () => {
    const { page } = await open("/", { javaScript: false });
    await page.selectOption("select[name=source]", "email");
    await Promise.all([page.waitForURL(/source=email/), page.click("form.filters button")]);
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")));
    expect(ids).toEqual(["email:late2", "email:new2"]);
  }, 20_000);

  it("shows hostile message text as text and runs nothing", async () => {
    const { page } = await open("/");
    const cell = page.locator('tr[data-id="x:new1"] .excerpt');
    await expect(cell.innerText()).resolves.toContain(HOSTILE);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.click('tr[data-id="x:new1"] a');
    await page.waitForURL(/\/conversations\/x%3Anew1$/);
    await expect(page.locator("ol.messages .text").first().innerText()).resolves.toContain(HOSTILE);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.screenshot({ path: artifact("conversation-desktop"), fullPage: true });
  }, 20_000);

  it("swaps in new data without reloading the page", async () => {
    const { page } = await open("/");
    await page.evaluate(() => {
      (globalThis as { __kept?: number }).__kept = 1;
    });
    await e2e.server.post([
      {
        id: "fresh1",
        source: "x",
        direction: "inbound",
        author: "cust-fresh",
        at: new Date(BASE).toISOString(),
        text: "@AcmeHelp brand new question",
      },
    ]);
    // The script refreshes every 15 s and whenever the tab becomes visible again; the latter is quicker to test.
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
    await page.locator('tr[data-id="x:fresh1"]').waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => (globalThis as { __kept?: number }).__kept)).toBe(1);
  }, 20_000);

  it("fits a phone screen", async () => {
    const { page } = await open("/", { viewport: PHONE });
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: artifact("status-phone"), fullPage: true });
    await page.screenshot({ path: artifact("status-phone-top") });
    const detail = await open("/conversations/x%3Alate1", { viewport: PHONE });
    await detail.page.screenshot({ path: artifact("conversation-phone") });
    await page.locator("#answered-late").scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact("status-phone-answered-late") });
  }, 20_000);
});
