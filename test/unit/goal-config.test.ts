import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readConfigFile } from "../../src/config/file-schema.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { tagsOf } from "../../src/domain/account-tags.js";

const dir = mkdtempSync(join(tmpdir(), "sla-goal-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The message of the ConfigError that reading `text` as the file `name` throws. */
function errorOf(name: string, text: string): string {
  const path = write(name, text);
  try {
    readConfigFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.replaceAll(path, name);
  }
  throw new Error(`${name} was accepted`);
}

const README_YAML = `account_tags:                  # account (case-insensitive) -> its tags; an account may have several
  AcmeHelp: [us]
  ZedCare: [europe]
goals:
  - name: europe-first-response  # letters, digits, - _ . (unique)
    metric: attainment         # response_rate, attainment, fcr, ttfr_p50, ttfr_p90 or ttfr_p95
    target: first_response     # attainment only: first_response (default), next_response or resolution
    threshold: 0.95            # rates: a share 0-1 to reach at least; ttfr_*: a duration to stay at or below
    baseline: 0.82             # optional, same unit; without it, measured over the window before start
    scope: { tag: europe }     # optional: account, source and/or tag, all must hold; absent or all: everything
    start: 2026-03-01          # dates in SLA_SUMMARY_TZ: from 00:00 of start ...
    deadline: 2026-06-30       # ... to the end (24:00) of the deadline's day
  - name: faster-p90
    metric: ttfr_p90
    threshold: 1h
    start: 2026-03-01
    deadline: 2026-09-30
    window: 28d                # optional: the trailing window a value is measured over (default 7d)
    trend_weeks: 8             # optional: weeks the projection is fitted to (default 6, 3 to 52)
`;

describe("goals in the config file", () => {
  it("reads goals and account tags (the README's example)", () => {
    const config = loadConfig({
      SLA_CONFIG: write("goals.yaml", README_YAML),
      SLA_SUMMARY_TZ: "Europe/Berlin",
    });
    expect(config.goals).toEqual({ responseRate: 1, attainment: 1, fcr: 0.7, windowMs: 30 * 86_400_000 });
    expect(config.goalList).toEqual([
      {
        name: "europe-first-response",
        metric: "attainment",
        target: "first_response",
        threshold: 0.95,
        baseline: 0.82,
        scope: { tag: "europe" },
        // Dates are days in SLA_SUMMARY_TZ: from the start's midnight to the end of the deadline's day.
        start: Date.parse("2026-02-28T23:00:00Z"),
        deadline: Date.parse("2026-06-30T22:00:00Z"),
        windowMs: 7 * 86_400_000,
        trendWeeks: 6,
      },
      {
        name: "faster-p90",
        metric: "ttfr_p90",
        target: "first_response",
        threshold: 3_600_000,
        baseline: null,
        scope: {},
        start: Date.parse("2026-02-28T23:00:00Z"),
        deadline: Date.parse("2026-09-30T22:00:00Z"),
        windowMs: 28 * 86_400_000,
        trendWeeks: 8,
      },
    ]);
    expect(tagsOf(config.accountTags, "zedcare")).toEqual(["europe"]);
    expect(config.timeZone).toBe("Europe/Berlin");
  });

  it("reads the same in JSON, with scope all and a TTFR baseline", () => {
    const json = JSON.stringify({
      goals: [
        {
          name: "p50",
          metric: "ttfr_p50",
          threshold: "30m",
          baseline: 5_400_000,
          scope: "all",
          start: "2026-03-01",
          deadline: "2026-03-01",
        },
      ],
    });
    const [goal] = loadConfig({ SLA_CONFIG: write("goals.json", json) }).goalList;
    expect(goal).toMatchObject({
      threshold: 1_800_000,
      baseline: 5_400_000,
      scope: {},
      start: Date.parse("2026-03-01T00:00:00Z"),
      deadline: Date.parse("2026-03-02T00:00:00Z"),
    });
  });

  it("still reads the older goals mapping as the headline goals, and the environment still wins", () => {
    const file = write("old.yaml", "goals:\n  response_rate: 0.9\n  fcr: 0.8\n  window: 7d\n");
    const config = loadConfig({ SLA_CONFIG: file, SLA_GOAL_FCR: "0.6" });
    expect(config.goals).toEqual({ responseRate: 0.9, attainment: 1, fcr: 0.6, windowMs: 7 * 86_400_000 });
    expect(config.goalList).toEqual([]);
    const now = write("new.yaml", "headline_goals: { fcr: 0.75, window: 14d }\ngoals: []\n");
    expect(loadConfig({ SLA_CONFIG: now }).goals).toEqual({
      responseRate: 1,
      attainment: 1,
      fcr: 0.75,
      windowMs: 14 * 86_400_000,
    });
    const both = write("both.yaml", "goals:\n  fcr: 0.8\nheadline_goals:\n  fcr: 0.7\n");
    expect(errorOf("both.yaml", "goals:\n  fcr: 0.8\nheadline_goals:\n  fcr: 0.7\n")).toBe(
      "config file both.yaml, line 3: headline_goals: also given as the older goals mapping; keep one (headline_goals)",
    );
    expect(() => loadConfig({ SLA_CONFIG: both })).toThrow(ConfigError);
    expect(loadConfig({ SLA_CONFIG: write("empty.yaml", "goals: []\n") }).goalList).toEqual([]);
  });

  it("names the line of each problem in a goal", () => {
    const yaml = [
      "account_tags:",
      "  AcmeHelp: [us]",
      "goals:",
      "  - name: faster",
      "    metric: ttfr_p90",
      "    threshold: 0.9",
      "    start: 2026-03-01",
      "    deadline: 2026-02-01",
      "  - name: faster",
      "    metric: fcr",
      "    target: resolution",
      "    threshold: 1.5",
      "    start: 2026-03-01",
      "    deadline: 2026-06-30",
    ].join("\n");
    expect(errorOf("sla.yaml", yaml)).toBe(
      [
        "config file sla.yaml, line 6: goals[0].threshold: expected a duration such as 1h (ttfr_p90 is at most the threshold)",
        "config file sla.yaml, line 8: goals[0].deadline: 2026-02-01 is before the start 2026-03-01",
        'config file sla.yaml, line 9: goals[1].name: "faster" is already goals[0]',
        "config file sla.yaml, line 11: goals[1].target: only an attainment goal names a target",
        "config file sla.yaml, line 12: goals[1].threshold: expected a share between 0 and 1 such as 0.95 (fcr is at least the threshold)",
      ].join("\n  "),
    );
  });

  it.each([
    {
      what: "an unknown metric",
      yaml: "goals:\n  - name: g\n    metric: csat\n    threshold: 0.9\n    start: 2026-03-01\n    deadline: 2026-06-30\n",
      expected:
        "line 3 (goals[0].metric): expected one of response_rate, attainment, fcr, ttfr_p50, ttfr_p90, ttfr_p95",
    },
    {
      what: "a date that does not exist",
      yaml: "goals:\n  - name: g\n    metric: fcr\n    threshold: 0.9\n    start: 2026-02-30\n    deadline: 2026-06-30\n",
      expected: "line 5: start: expected a date such as 2026-06-30",
    },
    {
      what: "a missing deadline",
      yaml: "goals:\n  - name: g\n    metric: fcr\n    threshold: 0.9\n    start: 2026-03-01\n",
      expected: "line 2 (goals[0].deadline): expected a date such as 2026-06-30",
    },
    {
      what: "an unknown key in a goal",
      yaml: "goals:\n  - name: g\n    metric: fcr\n    treshold: 0.9\n    threshold: 0.9\n    start: 2026-03-01\n    deadline: 2026-06-30\n",
      expected: "line 4 (goals[0].treshold): unknown key",
    },
    {
      what: "a scope tag no account has",
      yaml: "account_tags: { AcmeHelp: [us] }\ngoals:\n  - name: g\n    metric: fcr\n    threshold: 0.9\n    scope:\n      tag: europe\n    start: 2026-03-01\n    deadline: 2026-06-30\n",
      expected: 'line 7: goals[0].scope.tag: no account has the tag "europe" (account_tags has us)',
    },
    {
      what: "a scope that is neither all nor a mapping",
      yaml: "goals:\n  - name: g\n    metric: fcr\n    threshold: 0.9\n    scope: everyone\n    start: 2026-03-01\n    deadline: 2026-06-30\n",
      expected: "line 5 (goals[0].scope): expected all, or a mapping of account, source and tag",
    },
    {
      what: "the reserved tag",
      yaml: "account_tags:\n  AcmeHelp:\n    - us\n    - untagged\n",
      expected: "line 4: untagged is the group of accounts without a tag",
    },
    {
      what: "goals that are neither a list nor a mapping",
      yaml: "target: 1h\ngoals: 0.9\n",
      expected: "line 2: goals: expected a list of goals (or the older mapping of headline goals)",
    },
    {
      what: "too short a trend",
      yaml: "goals:\n  - name: g\n    metric: fcr\n    threshold: 0.9\n    start: 2026-03-01\n    deadline: 2026-06-30\n    trend_weeks: 2\n",
      expected: "line 7 (goals[0].trend_weeks): Too small: expected number to be >=3",
    },
  ])("$what", ({ yaml, expected }) => {
    expect(errorOf("sla.yaml", yaml)).toBe(`config file sla.yaml, ${expected}`);
  });

  it("names the line in JSON too", () => {
    const json =
      '{"goals": [\n  {"name": "g", "metric": "fcr", "threshold": 2,\n   "start": "2026-03-01", "deadline": "2026-06-30"}\n]}';
    expect(errorOf("sla.json", json)).toBe(
      "config file sla.json, line 2: goals[0].threshold: expected a share between 0 and 1 such as 0.95 (fcr is at least the threshold)",
    );
  });
});
