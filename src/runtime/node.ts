import type { Server } from "node:http";
import { type ServerType, serve } from "@hono/node-server";
import type { Config } from "../config.js";
import { countTokens, createToken } from "../services/tokens.js";
import { createLogger, type Logger } from "./logger.js";
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
  logger: Logger = createLogger(config.log),
  prepare?: (service: NodeService) => void,
): Promise<RunningServer> {
  const log = (line: string) => logger.info(line);
  const service = createNodeService(config, { log, logger });
  prepare?.(service);
  const { db, clock } = service.deps;
  if (!config.apiToken && countTokens(db) === 0) {
    const { token } = createToken(db, "first start", clock());
    // For the operator's eyes on the terminal, not a log record (the log never holds a token).
    console.error(`API token with every scope (shown once, stored hashed): ${token}`);
    log("API token created and printed once on standard error");
  }
  const scheduler = startAlertScheduler(service.deps.alerts, config.alerts.cron, logger);
  log(`alerts: every "${config.alerts.cron}", delivered to ${service.deps.alerts.mailer.description}`);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: service.app.fetch, port: config.port }, () => resolve(started));
    started.once("error", reject);
  }).catch(async (error: unknown) => {
    // A port in use: stop the scheduler and release the database, so the process can exit.
    await scheduler.stop();
    await service.close();
    throw error;
  });
  (server as Server).keepAliveTimeout = KEEP_ALIVE_MS;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  log(`SLA monitor listening on ${url} (database ${config.dbPath})`);
  // In-flight requests and the running alert cycle finish; then the database is checkpointed and closed.
  const stop = async () => {
    await Promise.all([closeServer(server, SHUTDOWN_GRACE_MS), scheduler.stop()]);
    await service.close();
  };
  return { service, server, url, stop };
}

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than the idle
 * timeouts of the proxies and HTTP clients in front of it (commonly 60 s): a client then sends a request
 * on a connection the server is closing at that moment, and gets a reset instead of an answer. The side
 * that closes an idle connection should be the one in front.
 */
export const KEEP_ALIVE_MS = 65_000;

/** How long requests in flight may take after a stop signal before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops listening and resolves once every connection is closed. `server.close()` alone waits for idle
 * keep-alive connections too, so idle ones are closed as soon as their request in flight is answered;
 * after `graceMs`, whatever is left is cut.
 */
export function closeServer(server: ServerType, graceMs: number): Promise<void> {
  const http = server as Partial<Pick<Server, "closeIdleConnections" | "closeAllConnections">>;
  return new Promise((resolve) => {
    const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
    const cut = setTimeout(() => http.closeAllConnections?.(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}

/**
 * Starts the server with `start` and stops it cleanly on SIGINT or SIGTERM: no new requests, requests in
 * flight answered, the running alert cycle finished, pending writes committed, database closed. A second
 * signal stops at once. The handlers are in place before `start` runs, so a signal that comes while the
 * server starts stops it once it has started, instead of killing the process in the middle.
 */
export function startUntilSignal(
  start: () => Promise<RunningServer>,
  logger: Logger,
): Promise<RunningServer> {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    starting
      .then((running) => running.stop())
      .then(
        () => {
          logger.info("stopped: requests answered, alert cycle finished, database closed");
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGINT", () => onSignal("SIGINT"));
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  const starting = start();
  return starting;
}
