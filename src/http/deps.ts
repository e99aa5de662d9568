import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { PolicyRegistry, SlaPolicy } from "../domain/policy.js";
import type { AlertRunner } from "../services/alert-runner.js";
import type { BatchingWriter } from "../services/batching-writer.js";
import type { TokenVerifier, VerifiedToken } from "../services/tokens.js";
import type { Db } from "../storage/database.js";

/** What the HTTP app needs, built by each runtime. */
export interface AppDeps {
  db: Db;
  writer: BatchingWriter;
  tokens: TokenVerifier;
  /** The policies in force and every earlier version conversations were measured with. */
  policies: PolicyRegistry & { versions(name?: string): Array<{ policy: SlaPolicy; createdAt: number }> };
  clock: () => number;
  config: Config;
  alerts: AlertRunner;
  /** The structured log (one line per request, errors). */
  logger: Logger;
}

/** `token`: the request's verified token, once authentication has run. */
export type AppEnv = { Variables: { deps: AppDeps; token?: VerifiedToken } };
