import type { FileSettings } from "../config/file-schema.js";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { demoSettings } from "../demo/demo-settings.js";
import { BACKUP_USAGE, backupCommand } from "./backup-command.js";
import { DEMO_USAGE, demoCommand } from "./demo-command.js";
import { EXPORT_USAGE, exportCommand } from "./export-command.js";
import { IMPORT_USAGE, importCommand } from "./import-command.js";
import { MIGRATE_USAGE, migrateCommand } from "./migrate-command.js";
import { UsageError } from "./options.js";
import { RECOMPUTE_USAGE, recomputeCommand } from "./recompute-command.js";
import { REPORT_USAGE, reportCommand } from "./report-command.js";
import { RESTORE_USAGE, restoreCommand } from "./restore-command.js";
import { SCAN_USAGE, scanCommand } from "./scan-command.js";
import { SERVE_USAGE, serveCommand } from "./serve-command.js";
import { TOKEN_USAGE, tokenCommand } from "./token-command.js";
import { WHAT_IF_USAGE, whatIfCommand } from "./what-if-command.js";

type Command = (args: string[], config: Config) => Promise<number>;

/** `fallback`: the settings used when no config file is given (`SLA_CONFIG`). */
const COMMANDS: Record<string, { run: Command; usage: string; fallback?: (now: number) => FileSettings }> = {
  serve: { run: serveCommand, usage: SERVE_USAGE },
  migrate: { run: migrateCommand, usage: MIGRATE_USAGE },
  import: { run: importCommand, usage: IMPORT_USAGE },
  report: { run: reportCommand, usage: REPORT_USAGE },
  "what-if": { run: whatIfCommand, usage: WHAT_IF_USAGE },
  export: { run: exportCommand, usage: EXPORT_USAGE },
  scan: { run: scanCommand, usage: SCAN_USAGE },
  recompute: { run: recomputeCommand, usage: RECOMPUTE_USAGE },
  token: { run: tokenCommand, usage: TOKEN_USAGE },
  backup: { run: backupCommand, usage: BACKUP_USAGE },
  restore: { run: restoreCommand, usage: RESTORE_USAGE },
  demo: { run: demoCommand, usage: DEMO_USAGE, fallback: demoSettings },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  ${command.usage}`);
  return ["usage: npm run sla -- <command>", "", "commands:", ...lines].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, loadConfig(process.env, command.fallback?.(Date.now())));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nusage: npm run sla -- ${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`configuration: ${error.message}`);
      return 2;
    }
    console.error(`${name} failed: ${(error as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
