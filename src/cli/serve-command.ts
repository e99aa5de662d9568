import type { Config } from "../config.js";
import { startNodeServer, stopOnSignals } from "../runtime/node.js";
import { parseCommand } from "./options.js";

export const SERVE_USAGE = "serve [--db PATH] [--port N]";

/** `serve`: HTTP API on the SQLite database until SIGINT or SIGTERM. */
export async function serveCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, { db: { type: "string" }, port: { type: "string" } });
  const running = await startNodeServer({
    ...config,
    dbPath: values.db ?? config.dbPath,
    port: values.port === undefined ? config.port : Number(values.port),
  });
  stopOnSignals(running);
  return await new Promise<number>(() => {});
}
