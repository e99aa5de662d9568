import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { formatDuration, parseDuration } from "../../src/domain/duration.js";

describe("parseDuration", () => {
  it.each([
    ["2h", 7_200_000],
    ["90m", 5_400_000],
    ["1h30m", 5_400_000],
    ["72h", 259_200_000],
    ["1d", 86_400_000],
    ["45s", 45_000],
    ["1500", 1500],
    ["1.5h", 5_400_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "h", "2 hours", "-1h", "2x"])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("formats durations for people", () => {
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2h 5m");
    expect(formatDuration(-90_000)).toBe("-1m 30s");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 4h");
  });
});

describe("loadConfig", () => {
  it("has sane defaults", () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      dbPath: "./data/sla.db",
      apiToken: null,
      targetMs: 7_200_000,
      warningShare: 0.75,
      goals: { responseRate: 1, attainment: 1, fcr: 0.7 },
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ SLA_TARGET: "soon" })).toThrow(/SLA_TARGET: expected a duration/);
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT: /);
    expect(() => loadConfig({ SLA_WARNING_SHARE: "2" })).toThrow(/SLA_WARNING_SHARE: /);
  });

  it("reads a JSON file, with the environment winning", () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-config-"));
    const file = join(dir, "sla.json");
    writeFileSync(
      file,
      JSON.stringify({ target: "1h", window: "48h", accounts: ["AcmeHelp"], goals: { fcr: 0.8 } }),
    );
    const config = loadConfig({ SLA_CONFIG: file, SLA_WINDOW: "24h", SLA_ACCOUNTS: "ZedCare, AcmeHelp" });
    expect(config.targetMs).toBe(3_600_000);
    expect(config.policies.windowMs).toBe(86_400_000);
    expect(config.policies.policies.map((p) => [p.name, p.targets.first_response.targetMs])).toEqual([
      ["default", 3_600_000],
    ]);
    expect(config.accounts).toEqual(["AcmeHelp", "ZedCare"]);
    expect(config.goals.fcr).toBe(0.8);
  });

  it("reads a YAML file, with the environment winning", () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-config-"));
    const file = join(dir, "sla.yaml");
    writeFileSync(file, "target: 1h\nwindow: 48h\naccounts:\n  - AcmeHelp\ngoals:\n  fcr: 0.8\n");
    const config = loadConfig({ SLA_CONFIG: file, SLA_WINDOW: "24h", SLA_ACCOUNTS: "ZedCare, AcmeHelp" });
    expect([config.targetMs, config.policies.windowMs]).toEqual([3_600_000, 86_400_000]);
    expect(config.accounts).toEqual(["AcmeHelp", "ZedCare"]);
    expect(config.goals.fcr).toBe(0.8);
  });

  it("refuses a config file with an unknown key or bad JSON, naming the file, line and key", () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-config-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ traget: "1h" }));
    expect(() => loadConfig({ SLA_CONFIG: file })).toThrow(ConfigError);
    expect(() => loadConfig({ SLA_CONFIG: file })).toThrow(/bad.json, line 1 \(traget\): unknown key/);
    writeFileSync(file, "{");
    expect(() => loadConfig({ SLA_CONFIG: file })).toThrow(/bad.json, line 1, column 2: /);
    const yaml = join(dir, "bad.yml");
    writeFileSync(yaml, "target: 1h\nalerts:\n  to: [leads@example.com]\n  too: []\n");
    expect(() => loadConfig({ SLA_CONFIG: yaml })).toThrow(/bad.yml, line 4 \(alerts.too\): unknown key/);
  });
});
