import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Config } from "../config.js";
import { storedAccountName } from "../services/account-names.js";
import { conversationsCsv } from "../services/conversation-export.js";
import { buildReport, type ReportQuery, type ReportSource } from "../services/report.js";
import { reportCsv } from "../services/report-csv.js";
import { openDatabase } from "../storage/database.js";
import { durationOption, instantOption, parseCommand, UsageError } from "./options.js";

export const EXPORT_USAGE =
  "export conversations|metrics [--from ISO] [--to ISO] [--account NAME] [--source NAME] [--now ISO] [--target 2h] [--window 72h] [--out FILE] [--db PATH]";

/**
 * `export conversations`: every matching stored conversation as CSV, streamed to FILE or standard output
 * at the pace the output takes it; `export metrics`: the report rows as CSV. A file appears at FILE only
 * once complete.
 */
export async function exportCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    from: { type: "string" },
    to: { type: "string" },
    account: { type: "string" },
    source: { type: "string" },
    now: { type: "string" },
    target: { type: "string" },
    window: { type: "string" },
    out: { type: "string" },
    db: { type: "string" },
  });
  const [what, ...rest] = positionals;
  if ((what !== "conversations" && what !== "metrics") || rest.length > 0) {
    throw new UsageError("expected what to export: conversations or metrics");
  }
  if (what === "conversations" && (values.target || values.window)) {
    throw new UsageError("--target and --window apply to export metrics only");
  }
  if (what === "metrics" && values.source)
    throw new UsageError("--source applies to export conversations only");
  const from = instantOption("from", values.from);
  const to = instantOption("to", values.to);
  const now = instantOption("now", values.now) ?? Date.now();
  const targetMs = durationOption("target", values.target);
  const windowMs = durationOption("window", values.window);
  const handle = openDatabase(values.db ?? config.dbPath);
  const filters = {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(values.account ? { account: await storedAccountName(handle.db, values.account) } : {}),
  };
  // One read transaction: the pages of the export come from one snapshot, also beside a running server.
  handle.sqlite.exec("BEGIN");
  let rows = 0;
  const count = (n: number) => {
    rows += n;
  };
  try {
    const chunks =
      what === "conversations"
        ? conversationsCsv(handle.db, {
            now,
            windowMs: config.policies.windowMs,
            ...filters,
            ...(values.source ? { source: values.source } : {}),
            onRows: count,
          })
        : metricsCsv(
            handle,
            {
              now,
              policies: config.policies,
              targetMs: config.targetMs,
              ...filters,
              ...(targetMs !== undefined || windowMs !== undefined
                ? {
                    override: {
                      ...(targetMs !== undefined ? { targetMs } : {}),
                      ...(windowMs !== undefined ? { windowMs } : {}),
                    },
                  }
                : {}),
            },
            count,
          );
    await writeOut(Readable.from(chunks), values.out);
    const noun = what === "conversations" ? "conversations" : "rows (accounts and the total)";
    const summary = `${rows} ${noun} written to ${values.out ?? "standard output"}`;
    if (values.out) console.log(summary);
    else console.error(summary);
    return 0;
  } finally {
    handle.sqlite.exec("ROLLBACK");
    handle.close();
  }
}

/** The report rows as CSV, in one chunk (a row per account is small). */
async function* metricsCsv(source: ReportSource, query: ReportQuery, count: (rows: number) => void) {
  const report = await buildReport(source, query);
  count(report.accounts.length + 1);
  yield reportCsv(report);
}

/** Pipes the CSV to `out` (through a temporary file renamed when complete) or to standard output. */
async function writeOut(csv: Readable, out: string | undefined): Promise<void> {
  if (out === undefined) {
    await pipeline(csv, process.stdout, { end: false });
    return;
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(csv, createWriteStream(partial));
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
