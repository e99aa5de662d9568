import type { Config } from "../config.js";
import { storedAccountName } from "../services/account-names.js";
import { buildReport } from "../services/report.js";
import { openDatabase } from "../storage/database.js";
import { durationOption, instantOption, parseCommand } from "./options.js";
import { formatReportTable } from "./report-table.js";

export const REPORT_USAGE =
  "report [--json] [--now ISO] [--from ISO] [--to ISO] [--account NAME] [--target 2h] [--window 72h] [--db PATH]";

/** `report`: the metric set per account and in total, as a table or as JSON. */
export async function reportCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, {
    json: { type: "boolean" },
    now: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    account: { type: "string" },
    target: { type: "string" },
    window: { type: "string" },
    db: { type: "string" },
  });
  const handle = openDatabase(values.db ?? config.dbPath);
  try {
    const from = instantOption("from", values.from);
    const to = instantOption("to", values.to);
    const targetMs = durationOption("target", values.target);
    const windowMs = durationOption("window", values.window);
    const report = await buildReport(handle, {
      now: instantOption("now", values.now) ?? Date.now(),
      policies: config.policies,
      targetMs: config.targetMs,
      ...(targetMs !== undefined || windowMs !== undefined
        ? {
            override: {
              ...(targetMs !== undefined ? { targetMs } : {}),
              ...(windowMs !== undefined ? { windowMs } : {}),
            },
          }
        : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(values.account ? { account: await storedAccountName(handle.db, values.account) } : {}),
    });
    console.log(values.json ? JSON.stringify(report) : formatReportTable(report));
    return 0;
  } finally {
    handle.close();
  }
}
