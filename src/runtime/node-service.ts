import type { Config } from "../config.js";
import { createApp } from "../http/app.js";
import type { AppDeps } from "../http/deps.js";
import { AlertRunner } from "../services/alert-runner.js";
import { BatchingWriter } from "../services/batching-writer.js";
import type { Mailer } from "../services/mailer.js";
import { checkReadiness } from "../services/readiness.js";
import { TokenVerifier } from "../services/tokens.js";
import { AlertStore } from "../storage/alert-store.js";
import { type NodeDb, openDatabase, type SqliteHandle } from "../storage/database.js";
import { PolicyStore } from "../storage/policy-store.js";
import { SummaryStore } from "../storage/summary-store.js";
import { ThreadStore } from "../storage/thread-store.js";
import { createFileMailer } from "./file-mailer.js";
import { createHttpMailer } from "./http-mailer.js";
import { acquireInstanceLock, type InstanceLock } from "./instance-lock.js";
import { type Logger, silentLogger } from "./logger.js";
import { createSmtpMailer } from "./smtp-mailer.js";
import { startWalCheckpointer } from "./wal-checkpointer.js";
import { createWebhookMailer } from "./webhook-mailer.js";

export interface NodeService {
  handle: SqliteHandle;
  store: ThreadStore;
  policies: PolicyStore;
  deps: Omit<AppDeps<NodeDb>, "alerts"> & { alerts: AlertRunner<AlertStore> };
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export interface NodeServiceOptions {
  clock?: () => number;
  log?: (line: string) => void;
  /** Replaces the mailer chosen from the configuration (tests). */
  mailer?: Mailer;
  /** The structured log of the HTTP app; silent unless given (the server passes its own). */
  logger?: Logger;
}

/**
 * Opens the database and wires the services for Node. When the configured policy differs from the one
 * the stored conversations were derived with, every thread is derived again first. Holds the database's
 * instance lock until `close()`: a second service on the same file (which would run a second alert
 * scheduler) is refused with `InstanceLockedError` before it touches the database.
 */
export function createNodeService(config: Config, options: NodeServiceOptions = {}): NodeService {
  const lock = acquireInstanceLock(config.dbPath, describeProcess());
  try {
    return wire(config, options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function wire(config: Config, options: NodeServiceOptions, lock: InstanceLock): NodeService {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => {});
  const handle = openDatabase(config.dbPath);
  const logger = options.logger ?? silentLogger();
  const policies = new PolicyStore(handle.sqlite);
  ensurePolicies(policies, config, clock(), log);
  const store = new ThreadStore(handle.sqlite, policies);
  store.addAccounts(config.accounts, clock());
  store.reattribute();
  const writer = new BatchingWriter(store, clock);
  const mailer = options.mailer ?? nodeMailer(config.alerts);
  const alerts = new AlertRunner(
    {
      db: handle.db,
      alerts: new AlertStore(handle),
      summaries: new SummaryStore(handle.db),
      policies,
      mailer,
      config,
    },
    clock,
  );
  const checkpointer =
    config.dbPath === ":memory:"
      ? null
      : startWalCheckpointer(handle.sqlite, config.dbPath, {
          onError: (message) => logger.error(message),
          gate: writer,
        });
  const deps: NodeService["deps"] = {
    db: handle.db,
    scans: handle,
    writer,
    tokens: new TokenVerifier(handle.db, config.apiToken),
    policies,
    clock,
    config,
    alerts,
    readiness: async () => checkReadiness(handle.db),
    logger,
  };
  return {
    handle,
    store,
    policies,
    deps,
    app: createApp(deps),
    close: async () => {
      await writer.drain();
      await alerts.idle();
      await checkpointer?.stop();
      // Folds the WAL into the database file, so the file alone is complete (copies, backups).
      if (handle.sqlite.open && config.dbPath !== ":memory:")
        handle.sqlite.pragma("wal_checkpoint(TRUNCATE)");
      handle.close();
      lock.release();
    },
  };
}

/**
 * Stores the configured policies (a new version for each changed one). Conversations already measured keep
 * the policies they were measured with; `recompute` measures them again under the current ones.
 */
function ensurePolicies(policies: PolicyStore, config: Config, now: number, log: (line: string) => void) {
  const changes = policies.ensure(config.policies, now);
  if (changes.previous && changes.newSet) {
    const what = changes.versions.length > 0 ? changes.versions.join(", ") : "order or window";
    log(
      `policies changed (${what}): new conversations are measured with them; ` +
        "run `sla recompute` to measure past conversations again",
    );
  }
}

/** The transport alerts leave by: SMTP, a mail API, a chat webhook, else the outbox folder. */
function nodeMailer(alerts: Config["alerts"]): Mailer {
  if (alerts.smtpUrl) return createSmtpMailer({ url: alerts.smtpUrl });
  if (alerts.mailApi) return createHttpMailer(alerts.mailApi);
  if (alerts.webhook) return createWebhookMailer(alerts.webhook);
  return createFileMailer({ dir: alerts.outboxDir });
}

/** What a refused process is told about the holder, e.g. `src/cli/main.ts serve --port 3000`. */
function describeProcess(): string {
  return process.argv.slice(1).join(" ").slice(0, 120);
}
