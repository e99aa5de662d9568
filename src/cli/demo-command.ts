import { rmSync } from "node:fs";
import type { Config } from "../config.js";
import { generateDemoEvents } from "../demo/demo-events.js";
import { acquireInstanceLock } from "../runtime/instance-lock.js";
import { createLogger } from "../runtime/logger.js";
import { startNodeServer, startUntilSignal } from "../runtime/node.js";
import { parseCommand } from "./options.js";

/** Days of history: enough weeks for the goals' trends and projections (see `demoSettings`). */
const DEMO_DAYS = 35;

export const DEMO_USAGE = "demo [--db PATH] [--port N] [--seed N]";

/** `demo`: a fresh database filled with realistic conversations around now, then the service on it. */
export async function demoCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, {
    db: { type: "string" },
    port: { type: "string" },
    seed: { type: "string" },
  });
  const dbPath = values.db ?? "./data/demo.db";
  // Refused here, before anything is deleted, when another demo or server is using this database.
  acquireInstanceLock(dbPath, "demo").release();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  const logger = createLogger(config.log);
  // The hints below are for the person at the terminal: plain lines, not log records.
  const log = (line: string) => console.error(line);
  // The data goes in before the first alert cycle, so the outbox shows alerts at once.
  const start = () =>
    startNodeServer(
      // The data is generated, so reads are public: the printed curl commands and the pages need no token.
      {
        ...config,
        dbPath,
        port: values.port === undefined ? config.port : Number(values.port),
        publicRead: true,
      },
      logger,
      (service) => {
        const events = generateDemoEvents({ now: Date.now(), seed, days: DEMO_DAYS });
        service.store.write(events, Date.now());
        logger.info(`demo: ${events.length} events loaded into ${dbPath}`);
      },
    );
  const running = await startUntilSignal(start, logger);
  const policies = config.policies.policies.map((policy) => policy.name).join(", ");
  const goals = config.goalList.map((goal) => goal.name).join(", ") || "none";
  log(`  policies: ${policies}; goals: ${goals} (SLA_CONFIG=FILE to use your own)`);
  log("  reads are public in the demo (SLA_PUBLIC_READ); writes need the token above");
  log(`  the queue:   curl -s ${running.url}/v1/status`);
  log(`  the alerts:  curl -s ${running.url}/v1/alerts (emails in ${config.alerts.outboxDir})`);
  log(`  the numbers: curl -s '${running.url}/v1/metrics?group_by=account'`);
  return await new Promise<number>(() => {});
}
