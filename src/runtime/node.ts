import { type ServerType, serve } from "@hono/node-server";
import type { Config } from "../config.js";
import { countTokens, createToken } from "../services/tokens.js";
import { createNodeService, type NodeService } from "./node-service.js";
import { startAlertScheduler } from "./scheduler.js";

export interface RunningServer {
  service: NodeService;
  server: ServerType;
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs the service on Node: HTTP on `config.port` over the SQLite file. On a first start without
 * `SLA_API_TOKEN` and without stored tokens, a token is generated, stored (hashed) and printed once.
 */
export async function startNodeServer(
  config: Config,
  log: (line: string) => void = (line) => console.error(line),
  prepare?: (service: NodeService) => void,
): Promise<RunningServer> {
  const service = createNodeService(config, { log });
  prepare?.(service);
  const { db, clock } = service.deps;
  if (!config.apiToken && (await countTokens(db)) === 0) {
    const token = await createToken(db, "first start", clock());
    log(`API token for write endpoints (shown once, stored hashed): ${token}`);
  }
  const scheduler = startAlertScheduler(service.deps.alerts, config.alerts.cron, log);
  log(`alerts: every "${config.alerts.cron}", delivered to ${service.deps.alerts.mailer.description}`);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: service.app.fetch, port: config.port }, () => resolve(started));
    started.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  log(`SLA monitor listening on ${url} (database ${config.dbPath})`);
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await scheduler.stop();
    await service.close();
  };
  return { service, server, url, stop };
}

/** Stops cleanly on SIGINT or SIGTERM: no new requests, pending writes committed, database closed. */
export function stopOnSignals(
  running: RunningServer,
  log: (line: string) => void = (line) => console.error(line),
) {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    running.stop().then(
      () => process.exit(0),
      (error) => {
        log(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => onSignal("SIGINT"));
  process.once("SIGTERM", () => onSignal("SIGTERM"));
}
