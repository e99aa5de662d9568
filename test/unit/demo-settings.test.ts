import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DEMO_SOURCES, generateDemoEvents } from "../../src/demo/demo-events.js";
import { demoSettings } from "../../src/demo/demo-settings.js";
import { topicOf } from "../../src/demo/topics.js";
import { tagsOf } from "../../src/domain/account-tags.js";
import type { MessageEvent } from "../../src/domain/event.js";
import { matchPolicy } from "../../src/domain/policy.js";

const NOW = Date.UTC(2026, 5, 2, 14, 30);
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "sla-demo-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo's built-in settings", () => {
  it("give policies, account tags and goals running from three weeks ago to four weeks ahead", () => {
    const config = loadConfig({}, demoSettings(NOW));
    expect(config.policies.policies.map((p) => p.name)).toEqual(["urgent", "standard"]);
    const urgent = config.policies.policies[0];
    expect(urgent?.targets.first_response.targetMs).toBe(30 * 60_000);
    expect(tagsOf(config.accountTags, "ParcelPalSupport")).toEqual(["logistics", "retail"]);
    expect(config.goalList.map((g) => g.name)).toEqual(["answer-everyone", "logistics-on-time", "fast-p90"]);
    for (const goal of config.goalList) {
      expect(goal.start).toBe(Date.UTC(2026, 4, 12));
      // The deadline 2026-06-30 lasts to the end of that day.
      expect(goal.deadline).toBe(Date.UTC(2026, 6, 1));
      expect(goal.start).toBeLessThan(NOW);
      expect(goal.deadline).toBeGreaterThan(NOW);
    }
  });

  it("give way to a config file", () => {
    const file = join(dir, "sla.yaml");
    writeFileSync(file, "target: 45m\n");
    const config = loadConfig({ SLA_CONFIG: file }, demoSettings(NOW));
    expect(config.goalList).toEqual([]);
    expect(config.policies.policies.map((p) => [p.name, p.targets.first_response.targetMs])).toEqual([
      ["default", 45 * 60_000],
    ]);
  });
});

describe("the demo's tickets", () => {
  it("carry tags and a priority on ticket sources only", () => {
    expect(topicOf("email", "internet has been down in my area for 2 hours")).toEqual({
      tags: ["outage"],
      priority: "urgent",
    });
    expect(topicOf("api", "why did my bill go up by $15 this month?")).toEqual({
      tags: ["billing"],
      priority: "normal",
    });
    expect(topicOf("api", "hello there")).toEqual({ tags: ["general"], priority: "normal" });
    expect(topicOf("x", "internet has been down")).toEqual({});
  });

  it("in the generated data: openers on email and api are tagged, and urgent ones match the urgent policy", () => {
    const events = generateDemoEvents({ now: NOW, days: 35 });
    const messages = events.filter((e): e is MessageEvent => e.type === "message");
    const openers = messages.filter((m) => m.direction === "inbound" && m.tags !== undefined);
    expect(openers.length).toBeGreaterThan(50);
    expect(new Set(openers.map((m) => m.source))).toEqual(new Set(["email", "api"]));
    expect(messages.some((m) => (m.source === "x" || m.source === "instagram") && m.tags)).toBe(false);
    const urgent = openers.filter((m) => m.priority === "urgent");
    expect(urgent.length).toBeGreaterThan(0);
    const policies = loadConfig({}, demoSettings(NOW)).policies;
    const facts = (m: MessageEvent) => ({
      account: m.account ?? "",
      source: m.source,
      tags: m.tags ?? [],
      priority: m.priority ?? null,
    });
    for (const m of urgent) expect(matchPolicy(policies, facts(m)).name).toBe("urgent");
    expect(DEMO_SOURCES).toContain("email");
    expect(messages.at(0)?.at).toBeGreaterThanOrEqual(NOW - 35 * DAY);
  });
});
