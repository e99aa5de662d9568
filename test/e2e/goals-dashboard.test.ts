import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeConfig } from "../support/goals-config.js";
import { artifact, DESKTOP, PHONE } from "./support/browser.js";
import { useE2eHarness } from "./support/harness.js";
import { BASE, seedEvents } from "./support/server.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();

/**
 * Four earlier weeks for AcmeHelp on weekday mornings, answered in time more often each week (so the
 * attainment goal has a rising trend), on top of the usual week of data.
 */
function olderWeeks(): unknown[] {
  const events: unknown[] = [];
  for (let week = 4; week >= 1; week--) {
    for (let day = 0; day < 5; day++) {
      for (let i = 0; i < 4; i++) {
        const id = `old${week}-${day}-${i}`;
        const start = BASE - week * 7 * DAY - (day + 1) * DAY + (i - 2) * HOUR;
        const late = i < week - 1;
        events.push(
          {
            id,
            source: "x",
            direction: "inbound",
            author: `cust-${id}`,
            at: at(start),
            text: "@AcmeHelp hi",
          },
          {
            id: `${id}r`,
            source: "x",
            direction: "outbound",
            author: "Maya R.",
            account: "AcmeHelp",
            in_reply_to: id,
            at: at(start + (late ? 3 * HOUR : 20 * MIN)),
          },
        );
      }
    }
  }
  return events;
}

const CONFIG = `account_tags:
  AcmeHelp: [us]
  ZedCare: [europe]
goals:
  - name: us-attainment
    metric: attainment
    threshold: 0.9
    baseline: 0.5
    scope: { tag: us }
    start: 2026-02-01
    deadline: 2026-04-30
  - name: europe-p90
    metric: ttfr_p90
    threshold: 1h
    baseline: 4h
    scope: { tag: europe }
    start: 2026-03-01
    deadline: 2026-05-31
`;

const e2e = useE2eHarness({
  env: { SLA_CONFIG: writeConfig(CONFIG) },
  events: [...olderWeeks(), ...seedEvents(BASE)],
});

async function open(path: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
  const page = await (await e2e.browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${e2e.server.url}${path}`);
  return { page, errors };
}

describe("goals and breakdowns in Chromium", () => {
  it("the dashboard shows the goals with their trend and the weekday × hour heat map", async () => {
    const { page, errors } = await open("/dashboard?range=30d");
    const goals = page.locator("table#goals tbody tr");
    await expect(
      goals.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-goal"))),
    ).resolves.toEqual(["us-attainment", "europe-p90"]);
    const us = page.locator('tr[data-goal="us-attainment"]');
    await expect(us.locator(".badge").innerText()).resolves.toMatch(/^(on track|at risk)$/);
    await expect(us.locator("td[data-label='At the deadline']").innerText()).resolves.toMatch(/% projected$/);
    const trend = us.locator("svg.sparkline");
    expect(await trend.isVisible()).toBe(true);
    expect(await trend.locator('[data-series="weeks"] circle').count()).toBeGreaterThanOrEqual(3);
    expect(await trend.locator('[data-series="projection"] line').count()).toBe(1);
    await expect(trend.getAttribute("aria-label")).resolves.toMatch(
      /^Weekly values, oldest first: .*Goal ≥ 90\.0%\.$/,
    );
    await expect(page.locator('tr[data-goal="europe-p90"] .badge').innerText()).resolves.toMatch(
      /^(on track|at risk)$/,
    );

    const heat = page.locator("svg#heat-map");
    expect(await heat.isVisible()).toBe(true);
    await expect(heat.locator("title").first().textContent()).resolves.toBe(
      "Conversations by weekday and hour",
    );
    const cells = heat.locator("rect[data-count]");
    expect(await cells.count()).toBe(7 * 24);
    const counts = await cells.evaluateAll((rects) =>
      rects.map((rect) => Number(rect.getAttribute("data-count"))),
    );
    const total = counts.reduce((a, b) => a + b, 0);
    await expect(heat.locator("desc").textContent()).resolves.toMatch(
      new RegExp(`^${total} conversations by weekday`),
    );
    // The table below holds the same numbers for screen readers.
    const tableTotal = await page
      .locator("#heat-table tbody td")
      .evaluateAll((tds) => tds.reduce((sum, td) => sum + Number.parseInt(td.textContent ?? "0", 10), 0));
    expect(tableTotal).toBe(total);
    await expect(page.locator("#by-tag tbody th").allInnerTexts()).resolves.toEqual(["europe", "us"]);
    const agents = await page.locator("#by-agent tbody th").allInnerTexts();
    expect(agents).toContain("Maya R.");
    expect(agents).toContain("unanswered");
    await page.screenshot({ path: artifact("goals-dashboard-desktop"), fullPage: true });
    expect(errors).toEqual([]);
  }, 20_000);

  it("the status page shows each goal's verdict in words", async () => {
    const { page, errors } = await open("/");
    const cards = page.locator('ul[aria-label="Goals"] li');
    await expect(
      cards.evaluateAll((items) => items.map((item) => item.getAttribute("data-goal"))),
    ).resolves.toEqual(["us-attainment", "europe-p90"]);
    await expect(cards.first().locator(".detail").innerText()).resolves.toMatch(
      /^SLA attainment \(first response\) ≥ 90\.0% by 2026-04-30 · (on track|at risk)$/,
    );
    await page.screenshot({ path: artifact("goals-status-desktop"), fullPage: true });
    expect(errors).toEqual([]);
  }, 20_000);

  it("fits a phone screen", async () => {
    const { page } = await open("/dashboard?range=30d", PHONE);
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: artifact("goals-dashboard-phone"), fullPage: true });
    await page.locator("table#goals").screenshot({ path: artifact("goals-table-phone") });
    await page.locator("figure.wide").screenshot({ path: artifact("heat-map-phone") });
  }, 20_000);
});
