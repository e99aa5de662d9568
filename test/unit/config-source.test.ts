import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { configFormat, parseConfigText } from "../../src/config/config-source.js";
import { readConfigFile } from "../../src/config/file-schema.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { OUTBOX_RECIPIENT, recipientsFor } from "../../src/services/alert-recipients.js";

const dir = mkdtempSync(join(tmpdir(), "sla-config-source-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` into the test's folder and returns the file's path. */
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

const README_JSON = `{"target": "1h", "window": "72h", "headline_goals": {"fcr": 0.7}, "accounts": ["AcmeHelp", "ZedCare"],
 "alerts": {"to": ["leads@example.com"], "escalation_to": ["head-of-support@example.com"],
            "accounts": {"ZedCare": {"to": ["zed-leads@example.com"]}}}}
`;

const README_YAML = `target: 1h
window: 72h
headline_goals:
  fcr: 0.7
accounts: [AcmeHelp, ZedCare]
alerts:
  to: [leads@example.com]
  escalation_to: [head-of-support@example.com]
  accounts:
    ZedCare:
      to: [zed-leads@example.com]
`;

describe("config file formats", () => {
  it("reads a YAML file and the equivalent JSON file to the same settings", () => {
    const fromJson = readConfigFile(write("sla.json", README_JSON));
    expect(fromJson).toEqual({
      target: 3_600_000,
      window: 259_200_000,
      headline_goals: { fcr: 0.7 },
      accounts: ["AcmeHelp", "ZedCare"],
      alerts: {
        to: ["leads@example.com"],
        escalation_to: ["head-of-support@example.com"],
        accounts: { ZedCare: { to: ["zed-leads@example.com"] } },
      },
    });
    expect(readConfigFile(write("sla.yaml", README_YAML))).toEqual(fromJson);
    expect(readConfigFile(write("sla.yml", README_YAML))).toEqual(fromJson);
    expect(loadConfig({ SLA_CONFIG: join(dir, "sla.yaml") })).toEqual(
      loadConfig({ SLA_CONFIG: join(dir, "sla.json") }),
    );
  });

  it("chooses the format by extension: .json is JSON, everything else YAML", () => {
    expect(["a.json", "a.JSON", "a.yaml", "a.yml", "a.conf", "sla"].map(configFormat)).toEqual([
      "json",
      "json",
      "yaml",
      "yaml",
      "yaml",
      "yaml",
    ]);
    expect(readConfigFile(write("sla.conf", "target: 90m\n"))).toEqual({ target: 5_400_000 });
  });

  it("reads any JSON document as .json and as .yaml exactly as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), fc.constantFrom(0, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const expected = JSON.parse(text);
        expect(parseConfigText(text, "any.json", z.unknown())).toStrictEqual(expected);
        expect(parseConfigText(text, "any.yaml", z.unknown())).toStrictEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("takes a YAML file with comments, anchors and aliases, and nothing from an empty one", () => {
    const yaml = `# leads get everything
alerts:
  to: &leads [leads@example.com, lead2@example.com]
  escalation_to: *leads
`;
    expect(readConfigFile(write("alias.yaml", yaml)).alerts).toEqual({
      to: ["leads@example.com", "lead2@example.com"],
      escalation_to: ["leads@example.com", "lead2@example.com"],
    });
    expect(readConfigFile(write("empty.yaml", "# nothing set yet\n"))).toEqual({});
  });

  it("caps alias expansion, so a small hostile file cannot fill memory", () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const name of "bcdefghi") {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      laughs.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    expect(errorOf("laughs.yaml", laughs.join("\n"))).toBe(
      "config file laughs.yaml: aliases expand to too many values (at most 100)",
    );
  });
});

describe("config file errors name the line", () => {
  // Each case in YAML and in JSON, with the line each reports and what follows the line number.
  it.each([
    {
      what: "a wrong type deep in a nested object",
      yaml: "webhooks:\n  accounts:\n    AcmeHelp:\n      meta_app_secret: abc\n      zendesk_secret: 42\n",
      json: '{\n  "webhooks": {\n    "accounts": {\n      "AcmeHelp": {"meta_app_secret": "abc", "zendesk_secret": 42}\n    }\n  }\n}\n',
      lines: [5, 4],
      problem:
        " (webhooks.accounts.AcmeHelp.zendesk_secret): Invalid input: expected string, received number",
    },
    {
      what: "a wrong value in a list",
      yaml: "alerts:\n  accounts:\n    ZedCare:\n      to:\n        - zed@example.com\n        - not-an-address\n",
      json: '{"alerts": {"accounts": {"ZedCare": {"to": [\n  "zed@example.com",\n  "not-an-address"\n]}}}}',
      lines: [6, 3],
      problem: " (alerts.accounts.ZedCare.to[1]): Invalid email address",
    },
    {
      what: "an unknown key in a strict object",
      yaml: "target: 1h\ngoals:\n  fcr: 0.8\n  fcr_goal: 0.9\n",
      json: '{\n  "target": "1h",\n  "goals": {\n    "fcr": 0.8,\n    "fcr_goal": 0.9\n  }\n}',
      lines: [4, 5],
      problem: " (goals.fcr_goal): unknown key",
    },
    {
      what: "a duration that is not one (a custom check, whose message names the key)",
      yaml: "target: 1h\ngoals:\n  window: soon\n",
      json: '{"target": "1h",\n "goals": {"window": "soon"}}',
      lines: [3, 2],
      problem: ": goals.window: expected a duration such as 2h, 90m or 72h",
    },
  ])("$what", ({ yaml, json, lines: [yamlLine, jsonLine], problem }) => {
    expect(errorOf("sla.yaml", yaml)).toBe(`config file sla.yaml, line ${yamlLine}${problem}`);
    expect(errorOf("sla.json", json)).toBe(`config file sla.json, line ${jsonLine}${problem}`);
  });

  it("reports a missing required value at the object that lacks it", () => {
    const schema = z.object({ smtp: z.object({ host: z.string(), port: z.number() }).strict() }).strict();
    const yaml = "# mail\nsmtp:\n  port: 25\n";
    const json = '{\n  "smtp": {\n    "port": 25\n  }\n}';
    expect(() => parseConfigText(yaml, "mail.yaml", schema)).toThrow(
      new ConfigError(
        "config file mail.yaml, line 2 (smtp.host): Invalid input: expected string, received undefined",
      ),
    );
    expect(() => parseConfigText(json, "mail.json", schema)).toThrow(
      new ConfigError(
        "config file mail.json, line 2 (smtp.host): Invalid input: expected string, received undefined",
      ),
    );
  });

  it("lists every problem, one per line", () => {
    expect(errorOf("many.yaml", "target: soon\nwarning_share: 2\nalerts:\n  to: [nobody]\n  cc: []\n")).toBe(
      [
        "config file many.yaml, line 1: target: expected a duration such as 2h, 90m or 72h",
        "config file many.yaml, line 2 (warning_share): Too big: expected number to be <1",
        "config file many.yaml, line 4 (alerts.to[0]): Invalid email address",
        "config file many.yaml, line 5 (alerts.cc): unknown key",
      ].join("\n  "),
    );
  });

  it("sorts the problems by line (the README's example)", () => {
    const yaml = "target: 1h\nheadline_goals:\n  fcr: 0.7\n  fcr_goal: 0.9\nwindow: soon\n";
    expect(errorOf("sla.yaml", yaml)).toBe(
      "config file sla.yaml, line 4 (headline_goals.fcr_goal): unknown key\n" +
        "  config file sla.yaml, line 5: window: expected a duration such as 2h, 90m or 72h",
    );
  });

  it("refuses two spellings of one account in the per-account recipients, and matches any spelling", () => {
    const twice =
      "alerts:\n  accounts:\n    ZedCare:\n      to: [a@example.com]\n    zedcare:\n      to: [b@example.com]\n";
    expect(errorOf("sla.yaml", twice)).toBe(
      "config file sla.yaml, line 5: alerts.accounts.zedcare: the same account as ZedCare (accounts are case-insensitive)",
    );
    const once = write("once.yaml", "alerts:\n  accounts:\n    ZedCare:\n      to: [zed@example.com]\n");
    const alerts = loadConfig({ SLA_CONFIG: once }).alerts;
    expect(recipientsFor(alerts, "ZEDCARE", "breach")).toEqual(["zed@example.com"]);
    expect(recipientsFor(alerts, "AcmeHelp", "breach")).toEqual([OUTBOX_RECIPIENT]);
  });

  it("names line and column of a syntax error", () => {
    expect(errorOf("sla.yaml", 'target: 1h\nwindow: "72h\n')).toBe(
      'config file sla.yaml, line 3, column 1: Missing closing "quote',
    );
    expect(errorOf("sla.yaml", "target: 1h\ngoals:\n  fcr: 0.7\n window: 30d\n")).toBe(
      "config file sla.yaml, line 4, column 1: All mapping items must start at the same column",
    );
    expect(errorOf("sla.json", '{"target": "1h",\n "window": "72h"')).toBe(
      "config file sla.json, line 2, column 17: Flow map must end with a }",
    );
  });

  it("refuses a duplicate key at its second occurrence", () => {
    expect(errorOf("sla.yaml", "target: 1h\nwindow: 72h\ntarget: 2h\n")).toBe(
      'config file sla.yaml, line 3, column 1: duplicate key "target"',
    );
    expect(errorOf("sla.json", '{"goals": {"fcr": 0.7,\n           "fcr": 0.8}}')).toBe(
      'config file sla.json, line 2, column 12: duplicate key "fcr"',
    );
  });

  it.each([
    [
      "target: 1h\n",
      "line 1, column 1: an indented mapping is YAML, not JSON (name the file .yaml to write YAML)",
    ],
    [
      '{"target": "1h"} # two hours\n',
      "line 1, column 18: a comment is YAML, not JSON (name the file .yaml to write YAML)",
    ],
    [
      "{\"target\": '1h'}",
      "line 1, column 12: a single-quoted string is YAML, not JSON (name the file .yaml to write YAML)",
    ],
    ['{"target": 1h}', "line 1, column 12: 1h is not a JSON value (strings need double quotes)"],
    ['{target: "1h"}', "line 1, column 2: a JSON key must be a double-quoted string"],
    ['{"accounts": ["AcmeHelp",\n  "ZedCare",\n]}', "line 2, column 12: a trailing comma is not JSON"],
    ["", "line 1, column 1: expected a JSON value, found an empty file"],
  ])("refuses YAML syntax in a .json file: %j", (text, expected) => {
    expect(errorOf("sla.json", text)).toBe(`config file sla.json, ${expected}`);
  });

  it("names an alias without an anchor, and a file that cannot be read", () => {
    expect(errorOf("sla.yaml", "alerts:\n  to: *leads\n")).toBe(
      "config file sla.yaml, line 2, column 7: the alias *leads has no anchor before it",
    );
    const missing = join(dir, "missing.yaml");
    expect(() => readConfigFile(missing)).toThrow(new ConfigError(`config file ${missing}: no such file`));
    expect(() => readConfigFile(dir)).toThrow(
      new ConfigError(`config file ${dir}: is a directory, not a file`),
    );
  });
});
