import { eq } from "drizzle-orm";
import { settings } from "../../db/schema.js";
import type { Config } from "../config.js";
import type { SlaPolicy } from "../domain/policy.js";
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
    const stored = handle.db.select().from(settings).where(eq(settings.key, "policy")).get();
    const storedPolicy: SlaPolicy = stored ? (JSON.parse(stored.value) as SlaPolicy) : config.policy;
    const from = instantOption("from", values.from);
    const to = instantOption("to", values.to);
    const report = await buildReport(handle, storedPolicy, {
      now: instantOption("now", values.now) ?? Date.now(),
      policy: {
        targetMs: durationOption("target", values.target) ?? config.policy.targetMs,
        windowMs: durationOption("window", values.window) ?? config.policy.windowMs,
      },
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(values.account ? { account: values.account } : {}),
    });
    console.log(values.json ? JSON.stringify(report) : formatReportTable(report));
    return 0;
  } finally {
    handle.close();
  }
}
