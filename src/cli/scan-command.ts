import type { Config } from "../config.js";
import { createNodeService } from "../runtime/node-service.js";
import { describeCycle } from "../services/alert-cycle.js";
import { instantOption, parseCommand } from "./options.js";

export const SCAN_USAGE = "scan [--now ISO] [--db PATH]";

/** `scan`: one alert detection and delivery cycle, then what it did. */
export async function scanCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, { now: { type: "string" }, db: { type: "string" } });
  const service = createNodeService({ ...config, dbPath: values.db ?? config.dbPath });
  try {
    const result = await service.deps.alerts.runOnce(instantOption("now", values.now) ?? Date.now());
    console.log(result ? describeCycle(result, service.deps.alerts.mailer) : "another cycle is running");
    return 0;
  } finally {
    await service.close();
  }
}
