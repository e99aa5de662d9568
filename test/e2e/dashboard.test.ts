import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { artifact, DESKTOP, PHONE } from "./support/browser.js";
import { useE2eHarness } from "./support/harness.js";

const e2e = useE2eHarness();

async function open(path: string, viewport = DESKTOP): Promise<Page> {
  const page = await (await e2e.browser.newContext({ viewport })).newPage();
  await page.goto(`${e2e.server.url}${path}`);
  return page;
}

describe("dashboard in Chromium", () => {
  it("renders the headline numbers and both charts with their series", async () => {
    const page = await open("/dashboard?range=7d");
    await expect(page.title()).resolves.toBe("Dashboard · SLA monitor");
    await expect(page.locator('[data-headline="attainment"] .detail').innerText()).resolves.toMatch(
      /^goal 100\.0% within 2h · (met|missed)$/,
    );
    const daily = page.locator("svg#daily-chart");
    expect(await daily.isVisible()).toBe(true);
    await expect(daily.locator("title").first().textContent()).resolves.toBe(
      "Daily attainment and response rate",
    );
    // Seven days of conversations: one point per day in each series, and the goal line.
    expect(await daily.locator('[data-series="attainment"] circle').count()).toBe(7);
    expect(await daily.locator('[data-series="responseRate"] rect').count()).toBe(7);
    expect(await daily.locator('[data-series="goal"] line').count()).toBe(1);
    const path = await daily.locator('[data-series="attainment"] path').getAttribute("d");
    expect(path?.match(/[ML]/g)).toHaveLength(7);
    const ttfr = page.locator("svg#ttfr-chart");
    const counts = await ttfr
      .locator("rect[data-count]")
      .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute("data-count"))));
    expect(counts).toHaveLength(9);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(40);
    await expect(ttfr.locator('[data-series="target"] text').textContent()).resolves.toBe("target 2h");
    const accounts = await page.locator("#by-account tbody th").allInnerTexts();
    expect(accounts).toEqual(["AcmeHelp", "ZedCare"]);
    await page.screenshot({ path: artifact("dashboard-desktop"), fullPage: true });
  }, 20_000);

  it("switches ranges with links that keyboard users reach", async () => {
    const page = await open("/dashboard?range=7d");
    await page.locator("a", { hasText: "30 days" }).focus();
    await Promise.all([page.waitForURL(/range=30d$/), page.keyboard.press("Enter")]);
    await expect(page.locator('a[aria-current="page"]', { hasText: "30 days" }).count()).resolves.toBe(1);
    expect(await page.locator('svg#daily-chart [data-series="attainment"] circle').count()).toBe(7);
    const today = await open("/dashboard?range=today");
    expect(await today.locator('svg#daily-chart [data-series="attainment"] circle').count()).toBe(1);
  }, 20_000);

  it("fits a phone screen", async () => {
    const page = await open("/dashboard?range=7d", PHONE);
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: artifact("dashboard-phone"), fullPage: true });
    await page.screenshot({ path: artifact("dashboard-phone-top") });
  }, 20_000);
});
