import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

const HOUR = 3_600_000;

function configFrom(yaml: string, env: Record<string, string> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), "sla-policies-")), "sla.yaml");
  writeFileSync(file, yaml);
  return loadConfig({ SLA_CONFIG: file, ...env });
}

const VALID = `warning_share: 0.8
calendars:
  office:
    zone: Europe/Berlin
    hours:
      mon: ["09:00-12:30", "13:30-18:00"]
      fri: ["09:00-17:00"]
    holidays:
      - { date: "2026-12-25", name: Christmas Day }
policies:
  - name: vip
    match: { tags: [vip], sources: [email, x] }
    calendar: office
    targets:
      first_response: 1h
      next_response: { target: 4h, warning: 0.5 }
      resolution: 2d
    responses: { automated: true, private_replies: false }
  - name: zed
    match: { accounts: [ZedCare] }
    targets: { first_response: 30m }
`;

describe("policies in the config file", () => {
  it("reads policies in order, with their calendars, and adds the default policy last", () => {
    const config = configFrom(VALID, { SLA_TARGET: "3h" });
    const [vip, zed, fallback] = config.policies.policies;
    expect(config.policies.policies).toHaveLength(3);
    expect(vip).toMatchObject({
      name: "vip",
      match: { tags: ["vip"], sources: ["email", "x"] },
      targets: {
        first_response: { targetMs: HOUR, warningShare: 0.8 },
        next_response: { targetMs: 4 * HOUR, warningShare: 0.5 },
        resolution: { targetMs: 48 * HOUR, warningShare: 0.8 },
      },
      responses: { automated: true, privateReplies: false },
    });
    expect(vip?.calendar).toMatchObject({ name: "office", zone: "Europe/Berlin" });
    expect(vip?.calendar.holidays.get("2026-12-25")).toBe("Christmas Day");
    expect(zed).toMatchObject({ name: "zed", calendar: { name: "24/7" }, targets: { next_response: null } });
    expect(fallback).toMatchObject({
      name: "default",
      match: {},
      targets: { first_response: { targetMs: 3 * HOUR, warningShare: 0.8 } },
    });
  });

  it("takes a policy named default, without match, as the catch-all", () => {
    const config = configFrom(`policies:
  - name: default
    calendar: 24/7
    targets: { first_response: 45m, resolution: 1d }
`);
    expect(config.policies.policies.map((p) => [p.name, p.targets.first_response.targetMs])).toEqual([
      ["default", 45 * 60_000],
    ]);
  });

  it.each([
    {
      name: "an unknown calendar",
      yaml: "policies:\n  - name: a\n    calendar: office\n    targets: { first_response: 1h }\n",
      message: 'line 3: policies[0].calendar: no calendar "office" (calendars: 24/7)',
    },
    {
      name: "a negative target",
      yaml: "policies:\n  - name: a\n    targets:\n      first_response: -1h\n",
      message: "line 4: first_response: expected a duration",
    },
    {
      name: "a warning share out of range",
      yaml: "policies:\n  - name: a\n    targets:\n      resolution: { target: 1d, warning: 2 }\n      first_response: 1h\n",
      message: "line 4 (policies[0].targets.resolution.warning): expected a share between 0 and 1",
    },
    {
      name: "a missing first-response target",
      yaml: "policies:\n  - name: a\n    targets:\n      resolution: 1d\n",
      message: "line 3 (policies[0].targets.first_response): required: a target such as 2h",
    },
    {
      name: "a policy after the catch-all",
      yaml: "policies:\n  - name: a\n    targets: { first_response: 1h }\n  - name: b\n    match: { sources: [x] }\n    targets: { first_response: 1h }\n",
      message: "line 4: policies[1]: never reached, policies[0] before it matches every conversation",
    },
    {
      name: "a duplicate name",
      yaml: "policies:\n  - name: a\n    match: { sources: [x] }\n    targets: { first_response: 1h }\n  - name: a\n    targets: { first_response: 1h }\n",
      message: 'line 5: policies[1].name: "a" is already policies[0]',
    },
    {
      name: "an unknown zone",
      yaml: "calendars:\n  office:\n    zone: Mars/Olympus\n    hours: { mon: [09:00-17:00] }\n",
      message: 'line 3: calendars.office.zone: unknown time zone "Mars/Olympus"',
    },
    {
      name: "an impossible date",
      yaml: 'calendars:\n  office:\n    zone: UTC\n    hours: { mon: ["09:00-17:00"] }\n    holidays: ["2027-02-29"]\n',
      message: "line 5: calendars.office.holidays[0]: 2027-02-29 is not a date",
    },
    {
      name: "overlapping intervals",
      yaml: 'calendars:\n  office:\n    zone: UTC\n    hours:\n      mon: ["09:00-13:00", "12:00-17:00"]\n',
      message: "line 5: calendars.office.hours.mon[1]: 09:00-13:00 and 12:00-17:00 overlap",
    },
  ])("refuses $name, naming the line", ({ yaml, message }) => {
    expect(() => configFrom(yaml)).toThrow(message);
  });
});
