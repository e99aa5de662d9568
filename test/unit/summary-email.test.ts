import { describe, expect, it } from "vitest";
import type { Goals } from "../../src/config.js";
import type { GoalEvaluation } from "../../src/domain/goal-evaluation.js";
import type { Goal } from "../../src/domain/goals.js";
import type { MetricSet } from "../../src/domain/metrics.js";
import type { DigestItem } from "../../src/services/digest-item.js";
import { type DailySummaryInput, renderDailySummary } from "../../src/services/summary-email.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DAY_START = Date.parse("2026-03-01T00:00:00Z");

function metrics(overrides: Partial<MetricSet> = {}): MetricSet {
  return {
    conversations: 100,
    responded: 97,
    due: 100,
    withinTarget: 91,
    resolved: 50,
    fcrResolved: 36,
    responseRate: 0.97,
    attainment: 0.91,
    fcrRate: 0.72,
    ttfrP50Ms: 14 * MIN,
    ttfrP90Ms: HOUR + 45 * MIN,
    ttfrP95Ms: 2 * HOUR,
    ttfrBusinessP50Ms: 14 * MIN,
    ttfrBusinessP90Ms: HOUR + 45 * MIN,
    ttfrBusinessP95Ms: 2 * HOUR,
    nextResponse: { due: 0, within: 0, attainment: null },
    resolution: { due: 0, within: 0, attainment: null },
    ...overrides,
  };
}

const goals: Goals = { responseRate: 1, attainment: 0.9, fcr: 0.7, windowMs: 30 * DAY };

function breach(overrides: Partial<DigestItem> = {}): DigestItem {
  return {
    level: "breach",
    target: "first_response",
    answeredSince: false,
    conversationId: "x:1",
    account: "AcmeHelp",
    source: "x",
    customer: "jane_doe",
    excerpt: "@AcmeHelp my parcel is late",
    startedAt: DAY_START + 9 * HOUR,
    dueAt: DAY_START + 11 * HOUR,
    firstResponseAt: null,
    link: "https://sla.example.com/conversations/x%3A1",
    ...overrides,
  };
}

function input(overrides: Partial<DailySummaryInput> = {}): DailySummaryInput {
  const to = DAY_START + DAY;
  return {
    day: "2026-03-01",
    timeZone: "UTC",
    yesterday: metrics(),
    window: {
      from: to - 30 * DAY,
      to,
      metrics: metrics({ responseRate: 1, fcrRate: 0.65, conversations: 3000 }),
    },
    goals,
    targetMs: 2 * HOUR,
    breaches: [breach()],
    now: to + 7 * HOUR,
    ...overrides,
  };
}

/** The text line of a metric, spaces collapsed. */
function lineOf(text: string, label: string): string {
  const line = text.split("\n").find((candidate) => candidate.startsWith(label));
  return (line ?? "").replace(/\s{2,}/g, " | ");
}

describe("daily summary", () => {
  it("has the day's response rate and FCR against their goals in the subject", () => {
    expect(renderDailySummary(input()).subject).toBe(
      "[SLA] Daily summary 2026-03-01: response rate 97.0% (goal 100%), FCR 72.0% (goal 70%)",
    );
  });

  it("marks each number of the day and of the goal window met or missed", () => {
    const { text } = renderDailySummary(input());
    expect(lineOf(text, "Metric")).toBe("Metric | Goal | 2026-03-01 | Last 30 days");
    expect(lineOf(text, "Response rate")).toBe("Response rate | 100% | 97.0% missed | 100.0% met");
    expect(lineOf(text, "SLA attainment")).toBe(
      "SLA attainment (first response within 2h) | 90% | 91.0% met | 91.0% met",
    );
    expect(lineOf(text, "First-contact resolution")).toBe(
      "First-contact resolution | 70% | 72.0% met | 65.0% missed",
    );
    expect(lineOf(text, "TTFR p50")).toBe("TTFR p50 | ≤ 2h | 14m met | 14m met");
    expect(lineOf(text, "TTFR p90")).toBe("TTFR p90 | ≤ 2h | 1h 45m met | 1h 45m met");
    expect(lineOf(text, "Conversations")).toBe("Conversations | 100 | 3000");
    expect(text).toContain("Goal window: 2026-01-31 00:00 UTC – 2026-03-02 00:00 UTC.");
  });

  it("shows rates without a denominator as '-' with no verdict", () => {
    const empty = metrics({
      conversations: 0,
      responseRate: null,
      attainment: null,
      fcrRate: null,
      ttfrP50Ms: null,
      ttfrP90Ms: null,
    });
    const { subject, text, html } = renderDailySummary(input({ yesterday: empty }));
    expect(subject).toBe("[SLA] Daily summary 2026-03-01: response rate - (goal 100%), FCR - (goal 70%)");
    expect(lineOf(text, "Response rate")).toBe("Response rate | 100% | - | 100.0% met");
    expect(lineOf(text, "TTFR p90")).toBe("TTFR p90 | ≤ 2h | - | 1h 45m met");
    expect(html).toMatch(/<td[^>]*>-<\/td>/);
  });

  it("lists the day's breaches as the alert email does", () => {
    const { text, html } = renderDailySummary(
      input({
        breaches: [
          breach({ conversationId: "x:2", customer: "bob", dueAt: DAY_START + 15 * HOUR }),
          breach({ firstResponseAt: DAY_START + 12 * HOUR }),
        ],
      }),
    );
    expect(text).toContain("Breaches on 2026-03-01 (2)");
    expect(text).toContain("* AcmeHelp on x, from jane_doe: answered after 3h (1h late)");
    expect(text).toContain("  started 2026-03-01 09:00 UTC, due 2026-03-01 11:00 UTC");
    expect(text).toContain("* AcmeHelp on x, from bob: overdue by 16h");
    expect(text.indexOf("jane_doe")).toBeLessThan(text.indexOf("bob"));
    expect(html).toMatch(/<h2[^>]*>Breaches on 2026-03-01 \(2\)<\/h2>/);
    expect(html).toContain("answered after 3h (1h late)");
    expect(renderDailySummary(input({ breaches: [] })).text).toContain("No breaches.");
  });

  it("escapes hostile text in the HTML and keeps the subject on one line", () => {
    const { subject, html } = renderDailySummary(
      input({
        day: "2026-03-01\r\nBcc: evil@x.com",
        breaches: [breach({ excerpt: "<script>alert(1)</script>", account: "<img src=x onerror=alert(2)>" })],
      }),
    );
    expect(subject).not.toMatch(/[\r\n]/);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<th scope="row"');
  });

  it("shows times in the leads' zone", () => {
    const { text } = renderDailySummary(input({ timeZone: "Europe/Paris" }));
    expect(text).toContain("started 2026-03-01 10:00 CET, due 2026-03-01 12:00 CET");
  });

  it("lists the goals with their value, progress, projection and verdict, when there are any", () => {
    const to = DAY_START + DAY;
    const goal = (overrides: Partial<Goal>): Goal => ({
      name: "g",
      metric: "attainment",
      target: "first_response",
      threshold: 0.95,
      scope: {},
      start: DAY_START - 28 * DAY,
      deadline: Date.parse("2026-07-01T00:00:00Z"),
      baseline: 0.8,
      windowMs: 7 * DAY,
      trendWeeks: 6,
      ...overrides,
    });
    const standing = (g: Goal, rest: Partial<GoalEvaluation>): GoalEvaluation => ({
      goal: g,
      window: { from: to - 7 * DAY, to },
      value: null,
      conversations: 0,
      baseline: { value: g.baseline, measured: false, window: null },
      progress: null,
      timeElapsed: 0.2,
      weeks: [],
      projection: null,
      verdict: "at_risk",
      basis: "current",
      ...rest,
    });
    const line = { slope: 0, meanX: to, meanY: 0.9, points: 4 };
    const goalReport = [
      standing(goal({ name: "europe-first-response", scope: { tag: "europe" } }), {
        value: 0.9,
        progress: 2 / 3,
        projection: { line, value: 0.962 },
        verdict: "on_track",
        basis: "projection",
      }),
      standing(goal({ name: "faster-p90", metric: "ttfr_p90", threshold: HOUR, baseline: 2 * HOUR }), {
        value: 90 * MIN,
        progress: 0.5,
      }),
    ];
    const { text, html } = renderDailySummary(input({ goalReport }));
    expect(text).toContain("Goals\n\nGoal");
    expect(lineOf(text, "europe-first-response")).toBe(
      "europe-first-response (SLA attainment (first response) ≥ 95.0%, tag europe, by 2026-06-30) | 90.0% | 67% | 96.2% projected | on track",
    );
    expect(lineOf(text, "faster-p90")).toBe(
      "faster-p90 (TTFR p90 ≤ 1h, all conversations, by 2026-06-30) | 1h 30m | 50% | - | at risk",
    );
    expect(html).toContain('aria-label="Goals with their projection"');
    expect(html).toMatch(/<td style="[^"]*color:#b91c1c[^"]*">at risk<\/td>/);
    expect(renderDailySummary(input()).text).not.toContain("Goals\n");
  });
});
