import { drizzle } from "drizzle-orm/d1";
import { pino } from "pino";
import * as schema from "../../../db/schema.js";
import { type Config, loadConfig } from "../../config.js";
import { createApp } from "../../http/app.js";
import type { AppDeps } from "../../http/deps.js";
import { AlertRunner } from "../../services/alert-runner.js";
import { redactRecord } from "../../services/log-redaction.js";
import type { Mailer } from "../../services/mailer.js";
import { TokenVerifier } from "../../services/tokens.js";
import { D1AlertStore } from "../../storage/d1/d1-alert-store.js";
import type { D1Client } from "../../storage/d1/d1-client.js";
import { D1PolicyStore } from "../../storage/d1/d1-policy-store.js";
import { D1ThreadStore } from "../../storage/d1/d1-thread-store.js";
import type { Db } from "../../storage/database.js";
import { SummaryStore } from "../../storage/summary-store.js";
import { createHttpMailer } from "../http-mailer.js";
import { createWebhookMailer } from "../webhook-mailer.js";
import { D1EventSink } from "./d1-event-sink.js";
import { checkD1Readiness } from "./d1-readiness.js";

/** The Worker's bindings: the D1 database and the variables and secrets the Node service reads from its environment. */
export interface WorkerEnv {
  DB: D1Client;
  [variable: string]: unknown;
}

export interface WorkerService {
  config: Config;
  deps: AppDeps;
  threads: D1ThreadStore;
  app: ReturnType<typeof createApp>;
}

/** The string bindings (variables and secrets) as the environment the config schema reads. */
export function environmentOf(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") out[name] = value;
  return out;
}

/**
 * Wires the services for a Worker over D1: the same app, ingest, token checks and alert cycle as on Node,
 * with D1 stores and a mailer that uses `fetch`. Throws a ConfigError when the bindings are not valid.
 */
export async function createWorkerService(
  env: WorkerEnv,
  clock: () => number = Date.now,
): Promise<WorkerService> {
  const config = loadConfig(environmentOf(env));
  const d1 = env.DB;
  const db = drizzle(env.DB as unknown as Parameters<typeof drizzle>[0], { schema }) as unknown as Db;
  const policies = await D1PolicyStore.open(d1, config.policies, clock());
  const threads = new D1ThreadStore(d1, policies);
  await threads.addAccounts(config.accounts, clock());
  const mailer = workerMailer(config.alerts);
  const alerts = new AlertRunner(
    { db, alerts: new D1AlertStore(d1), summaries: new SummaryStore(db), policies, mailer, config },
    clock,
  );
  const deps: AppDeps = {
    db,
    scans: null,
    writer: new D1EventSink(threads, clock),
    tokens: new TokenVerifier(db, config.apiToken),
    policies,
    clock,
    config,
    alerts,
    readiness: () => checkD1Readiness(d1),
    logger: workerLogger(config),
  };
  return { config, deps, threads, app: createApp(deps) };
}

/** A mail API or a chat webhook; without either, alerts wait in the outbox and the failure says why. */
function workerMailer(alerts: Config["alerts"]): Mailer {
  if (alerts.mailApi) return createHttpMailer(alerts.mailApi);
  if (alerts.webhook) return createWebhookMailer(alerts.webhook);
  return {
    kind: "http",
    description: "nothing (set MAIL_API_URL or ALERT_WEBHOOK_URL)",
    send: async () => {
      throw new Error("no mail transport on Workers: set MAIL_API_URL or ALERT_WEBHOOK_URL");
    },
  };
}

/** JSON lines on the Worker's console (`wrangler tail`), redacted as on Node. */
function workerLogger(config: Config) {
  const redact = { messages: config.log.messages };
  return pino({
    level: config.log.level,
    browser: {
      asObject: true,
      write: (record) => console.log(JSON.stringify(redactRecord(record as Record<string, unknown>, redact))),
    },
  });
}
