import type { Config } from "../config.js";
import { createLogger } from "../runtime/logger.js";
import { startNodeServer, startUntilSignal } from "../runtime/node.js";
import { parseCommand } from "./options.js";

export const SERVE_USAGE = "serve [--db PATH] [--port N]";

/** `serve`: HTTP API on the SQLite database until SIGINT or SIGTERM. */
export async function serveCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, { db: { type: "string" }, port: { type: "string" } });
  const logger = createLogger(config.log);
  const server = {
    ...config,
    dbPath: values.db ?? config.dbPath,
    port: values.port === undefined ? config.port : Number(values.port),
  };
  await startUntilSignal(() => startNodeServer(server, logger), logger);
  return await new Promise<number>(() => {});
}
