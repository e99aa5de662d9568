import { eq } from "drizzle-orm";
import { settings } from "../../db/schema.js";
import type { Config } from "../config.js";
import type { SlaPolicy } from "../domain/policy.js";
import { createApp } from "../http/app.js";
import type { AppDeps } from "../http/deps.js";
import { AlertRunner } from "../services/alert-runner.js";
import { BatchingWriter } from "../services/batching-writer.js";
import type { Mailer } from "../services/mailer.js";
import { TokenVerifier } from "../services/tokens.js";
import { AlertStore } from "../storage/alert-store.js";
import { openDatabase, type SqliteHandle } from "../storage/database.js";
import { SummaryStore } from "../storage/summary-store.js";
import { ThreadStore } from "../storage/thread-store.js";
import { createFileMailer } from "./file-mailer.js";
import { createSmtpMailer } from "./smtp-mailer.js";

export interface NodeService {
  handle: SqliteHandle;
  store: ThreadStore;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export interface NodeServiceOptions {
  clock?: () => number;
  log?: (line: string) => void;
  /** Replaces the mailer chosen from the configuration (tests). */
  mailer?: Mailer;
}

/**
 * Opens the database and wires the services for Node. When the configured policy differs from the one
 * the stored conversations were derived with, every thread is derived again first.
 */
export function createNodeService(config: Config, options: NodeServiceOptions = {}): NodeService {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => {});
  const handle = openDatabase(config.dbPath);
  const store = new ThreadStore(handle.sqlite, config.policy);
  ensurePolicy(handle, store, config.policy, log);
  store.addAccounts(config.accounts, clock());
  store.reattribute();
  const writer = new BatchingWriter(store, clock);
  const mailer =
    options.mailer ??
    (config.alerts.smtpUrl
      ? createSmtpMailer({ url: config.alerts.smtpUrl })
      : createFileMailer({ dir: config.alerts.outboxDir }));
  const alerts = new AlertRunner(
    {
      db: handle.db,
      alerts: new AlertStore(handle.db),
      summaries: new SummaryStore(handle.db),
      mailer,
      config,
    },
    clock,
  );
  const deps: AppDeps = {
    db: handle.db,
    writer,
    tokens: new TokenVerifier(handle.db, config.apiToken),
    clock,
    config,
    alerts,
  };
  return {
    handle,
    store,
    deps,
    app: createApp(deps),
    close: async () => {
      await writer.drain();
      await alerts.idle();
      handle.close();
    },
  };
}

function ensurePolicy(
  handle: SqliteHandle,
  store: ThreadStore,
  policy: SlaPolicy,
  log: (line: string) => void,
) {
  const wanted = JSON.stringify({ targetMs: policy.targetMs, windowMs: policy.windowMs });
  const row = handle.db.select().from(settings).where(eq(settings.key, "policy")).get();
  if (row?.value === wanted) return;
  if (row) {
    log(`policy changed (${row.value} -> ${wanted}): deriving every conversation again`);
    store.deriveAll((done, total) => log(`  threads ${done}/${total}`));
  }
  handle.db
    .insert(settings)
    .values({ key: "policy", value: wanted })
    .onConflictDoUpdate({ target: settings.key, set: { value: wanted } })
    .run();
}
