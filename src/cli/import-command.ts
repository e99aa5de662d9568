import type { Config } from "../config.js";
import { createNodeService } from "../runtime/node-service.js";
import { type ImportFormat, type ImportProgress, importFile } from "../services/import-file.js";
import { parseCommand, UsageError } from "./options.js";

export const IMPORT_USAGE = "import [--format twcs|ndjson] [--db PATH] FILE";

/** `import FILE`: streams a twcs CSV or NDJSON file into the database and prints a summary. */
export async function importCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommand(args, { format: { type: "string" }, db: { type: "string" } });
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError(`usage: ${IMPORT_USAGE}`);
  if (values.format !== undefined && values.format !== "twcs" && values.format !== "ndjson") {
    throw new UsageError(`--format: expected twcs or ndjson, got "${values.format}"`);
  }
  const service = createNodeService(
    { ...config, dbPath: values.db ?? config.dbPath },
    { log: (line) => console.error(line) },
  );
  const showProgress = process.stderr.isTTY;
  let lastShown = 0;
  const started = performance.now();
  const onProgress = (progress: ImportProgress) => {
    const now = performance.now();
    if (!showProgress || now - lastShown < 250) return;
    lastShown = now;
    const share = progress.totalBytes ? (100 * progress.bytesRead) / progress.totalBytes : 100;
    const rate = Math.round(progress.rows / ((now - started) / 1000));
    process.stderr.write(
      `\rimporting ${path}: ${progress.rows} rows (${share.toFixed(0)}%), ${rate} rows/s   `,
    );
  };
  try {
    const summary = await importFile(service.store, path, {
      ...(values.format ? { format: values.format as ImportFormat } : {}),
      onProgress,
    });
    if (showProgress) process.stderr.write("\n");
    const rate = Math.round(summary.rows / Math.max(summary.seconds, 0.001));
    console.log(
      `${path} (${summary.format}): ${summary.rows} rows read, ${summary.stored} stored, ` +
        `${summary.duplicates} duplicates, ${summary.rejected} rejected in ${summary.seconds.toFixed(1)} s (${rate} rows/s)`,
    );
    for (const rejection of summary.firstRejections) console.log(`  rejected ${rejection.reason}`);
    if (summary.rejected > summary.firstRejections.length) {
      console.log(`  ... and ${summary.rejected - summary.firstRejections.length} more rejected rows`);
    }
    return 0;
  } finally {
    await service.close();
  }
}
