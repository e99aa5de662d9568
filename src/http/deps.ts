import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { PolicyRegistry, SlaPolicy } from "../domain/policy.js";
import type { AlertRunner } from "../services/alert-runner.js";
import type { EventSink } from "../services/batching-writer.js";
import type { Readiness } from "../services/readiness.js";
import type { TokenCheck, VerifiedToken } from "../services/tokens.js";
import type { Db, SqliteHandle } from "../storage/database.js";

/** What the HTTP app needs, built by each runtime (`D`: the Node runtime's drizzle type, or any). */
export interface AppDeps<D extends Db = Db> {
  db: D;
  /** The Node database with its raw handle, for the thread scans of what-if and the metrics CSV; null on Workers. */
  scans: Pick<SqliteHandle, "db" | "sqlite"> | null;
  writer: EventSink;
  tokens: TokenCheck;
  /** The policies in force and every earlier version conversations were measured with. */
  policies: PolicyRegistry & { versions(name?: string): Array<{ policy: SlaPolicy; createdAt: number }> };
  clock: () => number;
  config: Config;
  alerts: AlertRunner;
  /** Whether the database answers and holds every migration this build ships (`GET /readyz`). */
  readiness(): Promise<Readiness>;
  /** The structured log (one line per request, errors). */
  logger: Logger;
}

/** What a route that scans every stored thread answers where there is no raw SQLite handle (Workers). */
export const NO_THREAD_SCANS = "not available on this runtime: it scans every stored thread (Node only)";

/** `token`: the request's verified token, once authentication has run. */
export type AppEnv = { Variables: { deps: AppDeps; token?: VerifiedToken } };
