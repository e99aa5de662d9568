import { basename, extname } from "node:path";
import { readCalendarFile } from "../config/calendar-file.js";
import type { Config } from "../config.js";
import { storedAccountName } from "../services/account-names.js";
import { buildWhatIf, overrideProblem, overrides, type ReportOverride } from "../services/report.js";
import { openDatabase } from "../storage/database.js";
import { durationOption, instantOption, parseCommand, UsageError } from "./options.js";
import { formatWhatIfTable } from "./what-if-table.js";

export const WHAT_IF_USAGE =
  "what-if [--target 1h] [--window 24h] [--calendar FILE] [--json] [--now ISO] [--from ISO] [--to ISO] [--account NAME] [--db PATH]";

/**
 * `what-if`: the report under other parameters (every policy's first-response target, the window, one
 * calendar for every policy) beside the report as stored. Threads are derived again in memory from the
 * stored messages, changing nothing stored; both reports read one snapshot of the database.
 */
export async function whatIfCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    target: { type: "string" },
    window: { type: "string" },
    calendar: { type: "string" },
    json: { type: "boolean" },
    now: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    account: { type: "string" },
    db: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const targetMs = durationOption("target", values.target);
  const windowMs = durationOption("window", values.window);
  const calendarFile = values.calendar;
  const override: ReportOverride = {
    ...(targetMs !== undefined ? { targetMs } : {}),
    ...(windowMs !== undefined ? { windowMs } : {}),
    ...(calendarFile ? { calendar: readCalendarFile(calendarFile, calendarName(calendarFile)) } : {}),
  };
  if (!overrides(override)) throw new UsageError("what-if needs --target, --window or --calendar");
  const problem = overrideProblem(config.policies, override);
  if (problem) throw new UsageError(`--${problem}`);
  const from = instantOption("from", values.from);
  const to = instantOption("to", values.to);
  const now = instantOption("now", values.now) ?? Date.now();
  const handle = openDatabase(values.db ?? config.dbPath);
  // One read transaction: `current` and `what_if` see the same messages, also beside a running server.
  handle.sqlite.exec("BEGIN");
  const progress = progressLine();
  try {
    const report = await buildWhatIf(handle, {
      now,
      policies: config.policies,
      targetMs: config.targetMs,
      override,
      onProgress: progress.show,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(values.account ? { account: await storedAccountName(handle.db, values.account) } : {}),
    });
    progress.end();
    const calendar = override.calendar ? `${calendarFile} (${override.calendar.zone})` : null;
    console.log(values.json ? JSON.stringify(report) : formatWhatIfTable(report, calendar));
    return 0;
  } finally {
    handle.sqlite.exec("ROLLBACK");
    handle.close();
  }
}

/** The calendar's name: its file's name without the extension. */
function calendarName(path: string): string {
  return basename(path, extname(path)) || "what-if";
}

/** On a terminal, one updating line on stderr while threads are derived (at most four times a second). */
function progressLine() {
  const terminal = process.stderr.isTTY;
  let shownAt = 0;
  return {
    show: (done: number, total: number) => {
      const now = performance.now();
      if (!terminal || now - shownAt < 250) return;
      shownAt = now;
      const share = total === 0 ? 100 : (100 * done) / total;
      process.stderr.write(`\rwhat-if: threads ${done}/${total} (${share.toFixed(0)}%)   `);
    },
    end: () => {
      if (terminal && shownAt > 0) process.stderr.write("\n");
    },
  };
}
