import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { TWCS_SMALL } from "../support/twcs-fixture.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "sla-cli-"));
const db = join(dir, "sla.db");
const env = {
  ...process.env,
  SLA_API_TOKEN: undefined,
  SLA_TARGET: undefined,
  SLA_WINDOW: undefined,
  SLA_OUTBOX_DIR: join(dir, "outbox"),
  SLA_SUMMARY_HOUR: "off",
};

async function sla(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { env, encoding: "utf8" });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const MIN = 60_000;

describe("the CLI on a twcs file", () => {
  it("imports, reports the rejected row by line, and a second import changes nothing", async () => {
    const first = await sla("import", "--db", db, TWCS_SMALL);
    expect(first.stdout).toMatch(/21 rows read, 20 stored, 0 duplicates, 1 rejected/);
    expect(first.stdout).toMatch(/line 21: created_at: cannot parse/);
    const before = (await sla("report", "--json", "--db", db, "--now", "2017-12-01T00:00:00Z")).stdout;
    const second = await sla("import", "--format", "twcs", "--db", db, TWCS_SMALL);
    expect(second.stdout).toMatch(/21 rows read, 0 stored, 20 duplicates, 1 rejected/);
    const after = (await sla("report", "--json", "--db", db, "--now", "2017-12-01T00:00:00Z")).stdout;
    expect(after).toBe(before);
  });

  it("prints the report as JSON with the documented fields", async () => {
    const { stdout } = await sla("report", "--json", "--db", db, "--now", "2017-12-01T00:00:00Z");
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(["now", "target_ms", "window_ms", "accounts", "total"]);
    expect(report).toMatchObject({
      now: "2017-12-01T00:00:00.000Z",
      target_ms: 2 * HOUR,
      window_ms: 72 * HOUR,
    });
    expect(report.accounts.map((row: { account: string }) => row.account)).toEqual([
      "AcmeHelp",
      "BoltSupport",
      "ZedCare",
    ]);
    expect(Object.keys(report.total)).toEqual([
      "account",
      "conversations",
      "responded",
      "due",
      "within_target",
      "resolved",
      "fcr_resolved",
      "response_rate",
      "attainment",
      "fcr_rate",
      "ttfr_p50_ms",
      "ttfr_p90_ms",
      "ttfr_p95_ms",
      "ttfr_business_p50_ms",
      "ttfr_business_p90_ms",
      "ttfr_business_p95_ms",
      "targets",
    ]);
    expect(report.accounts[0]).toMatchObject({
      conversations: 4,
      responded: 3,
      due: 4,
      within_target: 3,
      resolved: 2,
      fcr_resolved: 2,
    });
    expect(report.accounts[1]).toMatchObject({
      conversations: 2,
      responded: 1,
      within_target: 1,
      resolved: 0,
      fcr_rate: null,
    });
    expect(report.accounts[2]).toMatchObject({
      conversations: 3,
      responded: 2,
      within_target: 1,
      resolved: 2,
      fcr_resolved: 1,
    });
    expect(report.total).toEqual({
      account: "all",
      conversations: 9,
      responded: 6,
      due: 9,
      within_target: 5,
      resolved: 4,
      fcr_resolved: 3,
      response_rate: 6 / 9,
      attainment: 5 / 9,
      fcr_rate: 3 / 4,
      ttfr_p50_ms: 30 * MIN,
      ttfr_p90_ms: 3 * HOUR,
      ttfr_p95_ms: 3 * HOUR,
      // The default policy runs 24/7: business time is calendar time.
      ttfr_business_p50_ms: 30 * MIN,
      ttfr_business_p90_ms: 3 * HOUR,
      ttfr_business_p95_ms: 3 * HOUR,
      targets: {
        first_response: { due: 9, within: 5, attainment: 5 / 9 },
        next_response: { due: 0, within: 0, attainment: null },
        resolution: { due: 0, within: 0, attainment: null },
      },
    });
  });

  it("measures with another target by deriving again, changing nothing stored", async () => {
    const { stdout } = await sla(
      "report",
      "--json",
      "--db",
      db,
      "--now",
      "2017-12-01T00:00:00Z",
      "--target",
      "4h",
    );
    expect(JSON.parse(stdout)).toMatchObject({
      target_ms: 4 * HOUR,
      total: { within_target: 6, attainment: 6 / 9 },
    });
    const stored = JSON.parse(
      (await sla("report", "--json", "--db", db, "--now", "2017-12-01T00:00:00Z")).stdout,
    );
    expect(stored.total.within_target).toBe(5);
  });

  it("filters by account (in any spelling) and prints a readable table", async () => {
    const { stdout } = await sla(
      "report",
      "--db",
      db,
      "--now",
      "2017-12-01T00:00:00Z",
      "--account",
      "zedcare",
    );
    expect(stdout).toMatch(/^SLA report at 2017-12-01T00:00:00.000Z: target 2h, window 3d/);
    expect(stdout).toMatch(/ZedCare\s+3\s+2\s+3\s+1\s+2\s+1\s+66.7%\s+33.3%\s+50.0%/);
    expect(stdout).not.toMatch(/AcmeHelp/);
  });

  it("explains a bad flag and exits with 2", async () => {
    await expect(sla("report", "--db", db, "--now", "soon")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--now: expected an ISO-8601 time/),
    });
  });
});

describe("the scan command", () => {
  it("runs one alert cycle and says what it did", async () => {
    const events = join(dir, "events.ndjson");
    const ask = (id: string, at: string) =>
      JSON.stringify({
        id,
        direction: "inbound",
        author: "c",
        at,
        text: "@AcmeHelp hi",
        account: "AcmeHelp",
      });
    writeFileSync(events, `${ask("1", "2026-03-02T09:00:00Z")}\n${ask("2", "2026-03-02T10:00:00Z")}\n`);
    const scanDb = join(dir, "scan.db");
    await sla("import", "--db", scanDb, events);
    const { stdout } = await sla("scan", "--db", scanDb, "--now", "2026-03-02T11:45:00Z");
    expect(stdout).toMatch(
      /alerts created: 1 warning, 1 breach, 0 escalation, 0 answered late; emails sent: 1 \(2 alert deliveries\)/,
    );
    expect(stdout).toContain(join(dir, "outbox"));
    const again = await sla("scan", "--db", scanDb, "--now", "2026-03-02T11:46:00Z");
    expect(again.stdout).toMatch(
      /alerts created: 0 warning, 0 breach, 0 escalation, 0 answered late; emails sent: 0/,
    );
  });

  it("keeps past results under a changed policy until recompute measures them again", async () => {
    const recomputeDb = join(dir, "recompute.db");
    await sla("import", "--db", recomputeDb, TWCS_SMALL);
    const report = async (extra: Record<string, string> = {}) =>
      JSON.parse(
        (
          await run(
            process.execPath,
            [
              "--import",
              "tsx",
              "src/cli/main.ts",
              "report",
              "--json",
              "--db",
              recomputeDb,
              "--now",
              "2017-12-01T00:00:00Z",
            ],
            { env: { ...env, ...extra }, encoding: "utf8" },
          )
        ).stdout,
      );
    const before = await report();
    expect(before.total.within_target).toBe(5);
    const changed = { ...env, SLA_TARGET: "10m" };
    const recompute = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "recompute", "--db", recomputeDb],
      { env: changed, encoding: "utf8" },
    );
    expect(recompute.stdout).toMatch(
      /recomputed every conversation under default v2 \(9 were measured with earlier policies\)/,
    );
    expect(recompute.stderr).toMatch(/policies changed \(default v2\)/);
    const after = await report({ SLA_TARGET: "10m" });
    expect(after.total.within_target).toBeLessThan(before.total.within_target);
    expect(after.total.conversations).toBe(before.total.conversations);
  });
});
