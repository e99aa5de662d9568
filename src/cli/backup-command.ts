import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Config } from "../config.js";
import { type CopyProgress, copyDatabase, megabytes } from "./database-copy.js";
import { parseCommand, UsageError } from "./options.js";

export const BACKUP_USAGE = "backup [--db PATH] FILE";

/**
 * `backup FILE`: a consistent copy of the database into FILE with SQLite's online backup, safe while the
 * server runs and writes (no lock is taken: the copy is a reader). Prints progress and the result.
 */
export async function backupCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, { db: { type: "string" } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("expected one FILE to write the backup to");
  const dbPath = values.db ?? config.dbPath;
  if (!existsSync(dbPath)) throw new UsageError(`--db: no database at ${dbPath}`);
  if (resolve(file) === resolve(dbPath)) throw new UsageError("FILE: must not be the database itself");
  const started = performance.now();
  const result = await copyDatabase(dbPath, file, progressPrinter(`backup of ${dbPath}`));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `backup of ${dbPath} written to ${file}: ${result.pages} pages (${megabytes(result.bytes)}), ` +
      `${result.messages} messages, ${result.conversations} conversations, integrity ok, in ${seconds.toFixed(1)} s` +
      (result.restarts > 0 ? ` (restarted ${result.restarts}× by concurrent writes)` : ""),
  );
  return 0;
}

/**
 * Progress on stderr: one updating line on a terminal; otherwise a line at each quarter, so logs stay
 * short. Small databases are copied in one step and show only the result.
 */
export function progressPrinter(label: string): (progress: CopyProgress) => void {
  const terminal = process.stderr.isTTY;
  let lastQuarter = 0;
  return ({ copiedPages, totalPages }) => {
    if (totalPages === 0 || copiedPages === totalPages) {
      if (terminal && lastQuarter > 0) process.stderr.write("\n");
      return;
    }
    const share = copiedPages / totalPages;
    const quarter = Math.floor(share * 4);
    if (terminal) {
      lastQuarter = 1;
      process.stderr.write(
        `\r${label}: ${(share * 100).toFixed(0)}% (${copiedPages}/${totalPages} pages)   `,
      );
    } else if (quarter > lastQuarter) {
      lastQuarter = quarter;
      console.error(`${label}: ${quarter * 25}% (${copiedPages}/${totalPages} pages)`);
    }
  };
}
