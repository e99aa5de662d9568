import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvObjects } from "../support/csv-parse.js";
import { TWCS_SMALL } from "../support/twcs-fixture.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "sla-what-if-"));
const env = {
  ...process.env,
  SLA_API_TOKEN: undefined,
  SLA_TARGET: undefined,
  SLA_WINDOW: undefined,
  SLA_CONFIG: undefined,
  SLA_OUTBOX_DIR: join(dir, "outbox"),
  SLA_SUMMARY_HOUR: "off",
};

async function sla(extra: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    env: { ...env, ...extra },
    encoding: "utf8",
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = ["--now", "2017-12-01T00:00:00Z"];
const HOUR = 3_600_000;
const MIN = 60_000;
const db = join(dir, "sla.db");
/** The same file imported by a service whose target was 1 h from the start. */
const oneHourDb = join(dir, "one-hour.db");

/** Every stored row of the tables a what-if must not touch. */
function storedRows(path: string) {
  const sqlite = new Database(path, { readonly: true });
  try {
    const rows = (table: string) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
    return { conversations: rows("conversations"), messages: rows("messages"), accounts: rows("accounts") };
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  await sla({}, "import", "--db", db, TWCS_SMALL);
  await sla({ SLA_TARGET: "1h" }, "import", "--db", oneHourDb, TWCS_SMALL);
});

describe("what-if on the twcs fixture", () => {
  it("with --target equals report on data measured under that target from the start; current is report", async () => {
    const before = storedRows(db);
    const { stdout } = await sla({}, "what-if", "--json", "--target", "1h", "--db", db, ...NOW);
    const whatIf = JSON.parse(stdout);
    expect(Object.keys(whatIf)).toEqual(["current", "what_if"]);
    const report = JSON.parse((await sla({}, "report", "--json", "--db", db, ...NOW)).stdout);
    const measuredAtOneHour = JSON.parse(
      (await sla({ SLA_TARGET: "1h" }, "report", "--json", "--db", oneHourDb, ...NOW)).stdout,
    );
    expect(whatIf.current).toEqual(report);
    expect(whatIf.what_if).toEqual(measuredAtOneHour);
    expect(whatIf.what_if).toMatchObject({ target_ms: HOUR, total: { within_target: 4 } });
    expect(whatIf.current.total.within_target).toBe(5);
    expect(storedRows(db)).toEqual(before);
  });

  it("prints both side by side per account, a cell showing current → what-if where they differ", async () => {
    const { stdout } = await sla({}, "what-if", "--target", "1h", "--db", db, ...NOW);
    expect(stdout).toMatch(/^What-if at 2017-12-01T00:00:00.000Z/);
    expect(stdout).toContain("current: target 2h, window 3d");
    expect(stdout).toContain("what-if: target 1h, window 3d");
    expect(stdout).toMatch(/\nAcmeHelp +4 +3 +4 +3 → 2 +2 +2 +75.0% +75.0% → 50.0% /);
    expect(stdout).toMatch(/\nBoltSupport +2 +1 +2 +1 +0 /);
    expect(stdout).toMatch(/\nall +9 +6 +9 +5 → 4 /);
  });

  it("needs something to change", async () => {
    await expect(sla({}, "what-if", "--db", db)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/what-if needs --target, --window or --calendar/),
    });
  });
});

describe("what-if with a calendar file", () => {
  // Friday 16:30 asked, answered Monday 09:15; Saturday 10:00 asked, unanswered; measured Monday 09:30.
  const events = [
    { id: "f1", direction: "inbound", author: "ann", at: "2026-03-06T16:30:00Z", account: "AcmeHelp" },
    { id: "f2", direction: "outbound", author: "AcmeHelp", at: "2026-03-09T09:15:00Z", in_reply_to: "f1" },
    { id: "s1", direction: "inbound", author: "bob", at: "2026-03-07T10:00:00Z", account: "AcmeHelp" },
  ];
  const calendarDb = join(dir, "calendar.db");
  const MONDAY = ["--now", "2026-03-09T09:30:00Z", "--db", calendarDb];

  beforeAll(async () => {
    const file = join(dir, "events.ndjson");
    writeFileSync(file, events.map((event) => JSON.stringify(event)).join("\n"));
    await sla({}, "import", "--db", calendarDb, file);
  });

  it("moves the deadlines onto the business hours of a YAML calendar", async () => {
    const calendar = join(dir, "office.yaml");
    writeFileSync(
      calendar,
      [
        "zone: UTC",
        "hours:",
        ...["mon", "tue", "wed", "thu", "fri"].map((d) => `  ${d}: ["09:00-17:00"]`),
      ].join("\n"),
    );
    const before = storedRows(calendarDb);
    const { stdout } = await sla({}, "what-if", "--json", "--calendar", calendar, ...MONDAY);
    const { current, what_if: whatIf } = JSON.parse(stdout);
    // 24/7: the Friday question was answered 2d 16h 45m later, the Saturday one is overdue.
    expect(current.total).toMatchObject({
      conversations: 2,
      due: 2,
      within_target: 0,
      ttfr_business_p50_ms: 3885 * MIN,
    });
    // Business hours: 30 min on Friday and 15 on Monday; the Saturday one is due Monday 11:00, not yet.
    expect(whatIf.total).toMatchObject({
      conversations: 2,
      due: 1,
      within_target: 1,
      attainment: 1,
      ttfr_p50_ms: 3885 * MIN,
      ttfr_business_p50_ms: 45 * MIN,
    });
    expect(storedRows(calendarDb)).toEqual(before);
  });

  it("reads a JSON calendar with holidays, and a target beside it", async () => {
    const calendar = join(dir, "office.json");
    const weekdays = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["09:00-17:00"]]));
    writeFileSync(calendar, JSON.stringify({ zone: "UTC", hours: weekdays, holidays: ["2026-03-09"] }));
    const { stdout } = await sla(
      {},
      "what-if",
      "--json",
      "--calendar",
      calendar,
      "--target",
      "20m",
      ...MONDAY,
    );
    const { what_if: whatIf } = JSON.parse(stdout);
    // Monday is a holiday: only Friday's 30 minutes count, over the 20-minute target; Saturday's waits for Tuesday.
    expect(whatIf).toMatchObject({
      target_ms: 20 * MIN,
      total: { due: 1, within_target: 0, ttfr_business_p50_ms: 30 * MIN },
    });
  });

  it("names the line of what is wrong in the calendar file", async () => {
    const calendar = join(dir, "broken.yaml");
    writeFileSync(calendar, 'zone: Europe/Berln\nhours:\n  mon: ["17:00-09:00"]\n  someday: []\n');
    await expect(sla({}, "what-if", "--calendar", calendar, ...MONDAY)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /line 1: zone: unknown time zone "Europe\/Berln"[\s\S]*line 3: hours\.mon\[0\]: 17:00-09:00 ends before it starts[\s\S]*line 4 \(hours\.someday\): unknown key/,
      ),
    });
  });
});

describe("export on the twcs fixture", () => {
  it("writes every conversation as CSV to a file, and filtered to standard output", async () => {
    const file = join(dir, "conversations.csv");
    const written = await sla({}, "export", "conversations", "--out", file, "--db", db, ...NOW);
    expect(written.stdout.trim()).toBe(`9 conversations written to ${file}`);
    const rows = csvObjects(readFileSync(file, "utf8"));
    expect(rows.map((row) => row.id)).toEqual([
      "x:3",
      "x:10",
      "x:20",
      "x:30",
      "x:40",
      "x:51",
      "x:60",
      "x:80",
      "x:32",
    ]);
    expect(rows[1]).toMatchObject({
      account: "ZedCare",
      started_at: "2017-11-01T08:00:00.000Z",
      due_at: "2017-11-01T10:00:00.000Z",
      first_response_at: "2017-11-01T11:00:00.000Z",
      ttfr_ms: String(3 * HOUR),
      state: "answered_late",
      resolved: "true",
      touches: "2",
      messages: "4",
      excerpt: "'@ZedCare the app crashes\non every start",
    });
    const filtered = await sla(
      {},
      "export",
      "conversations",
      "--account",
      "ZedCare",
      "--from",
      "2017-11-01T09:00:00Z",
      "--db",
      db,
      ...NOW,
    );
    expect(filtered.stderr).toContain("2 conversations written to standard output");
    expect(csvObjects(filtered.stdout)).toEqual(rows.filter((row) => row.id === "x:20" || row.id === "x:80"));
    expect(readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("writes the report rows as CSV", async () => {
    const file = join(dir, "metrics.csv");
    await sla({}, "export", "metrics", "--out", file, "--db", db, ...NOW);
    const rows = csvObjects(readFileSync(file, "utf8"));
    expect(rows.map((row) => row.account)).toEqual(["AcmeHelp", "BoltSupport", "ZedCare", "all"]);
    expect(rows[3]).toMatchObject({
      conversations: "9",
      responded: "6",
      within_target: "5",
      attainment: String(5 / 9),
      fcr_rate: "0.75",
      ttfr_p90_ms: String(3 * HOUR),
      next_response_attainment: "",
    });
  });
});
