/**
 * The servers the HTTP benchmarks measure, each a child process: the real service on a database file, and
 * a bare Hono echo server as the baseline. Also the check, after a service stopped, of what it stored.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import type { BenchContext } from "./bench-types.js";
import { childEnv, profiling, startTsChild, type TsChild } from "./child-process.js";

export function startEcho(context: BenchContext): TsChild {
  return startTsChild("./echo-server.ts", { env: childEnv({}), label: "echo", log: context.log });
}

/** Options of {@link startService}. */
export interface ServiceOptions {
  dbPath: string;
  token: string;
  /** A folder for the service's own files (the outbox of alert emails). */
  dir: string;
  /** Name of the profile folder when profiling. */
  profileName: string;
}

/**
 * The real service (`startNodeServer`) on `dbPath`, its alert scheduler running as in production, its
 * emails (if any) written under `dir`, never into the project's folder.
 */
export function startService(context: BenchContext, options: ServiceOptions): TsChild {
  const profile = profiling(context.profile, options.profileName);
  return startTsChild("./service-server.ts", {
    ...profile,
    env: childEnv({
      SLA_DB: options.dbPath,
      SLA_API_TOKEN: options.token,
      PORT: "0",
      // One client at full speed is far above the default rate limit (200/s per token), which would answer
      // most requests 429: the limiter still runs, with room to spare. The per-request log lines (one per
      // request, written to stderr) would flood this output, so only warnings and errors are logged.
      SLA_RATE_LIMIT: "1000000",
      SLA_LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? "warn",
      SLA_OUTBOX_DIR: join(options.dir, "outbox"),
      // The daily summary would be written (and its day measured) in the middle of a measurement.
      SLA_SUMMARY_HOUR: "off",
      ...profile.env,
    }),
    label: options.profileName,
    log: context.log,
  });
}

/** The server's first message is `{ ready, url }`; returns its address as an IP literal. */
export async function readyUrl(server: TsChild): Promise<string> {
  const message = await server.nextMessage();
  if (
    typeof message !== "object" ||
    message === null ||
    !("url" in message) ||
    typeof message.url !== "string"
  ) {
    throw new Error(`unexpected first message from a server: ${JSON.stringify(message)}`);
  }
  // An IP literal: no name lookup, and the same address family for both servers.
  const port = new URL(message.url).port;
  return `http://127.0.0.1:${port}`;
}

/** The service answers `{ stored: n, ... }` with n the number of events it stored from the request. */
export function confirmsStored(body: string, ids: readonly string[]): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return (
      typeof parsed === "object" && parsed !== null && "stored" in parsed && parsed.stored === ids.length
    );
  } catch {
    return false;
  }
}

export interface StoredCount {
  stored: number;
  /** Acknowledged ids missing from the database. */
  lost: number;
}

/** Opens the service's database (after it stopped) and checks the acknowledged ids against it. */
export function countStored(dbPath: string, acked: readonly string[]): StoredCount {
  const db = new Database(dbPath, { readonly: true });
  try {
    const ids = new Set(db.prepare("SELECT id FROM messages WHERE source = 'api'").pluck().all() as string[]);
    const stored = db.prepare("SELECT count(*) FROM messages").pluck().get() as number;
    return { stored, lost: acked.filter((id) => !ids.has(id)).length };
  } finally {
    db.close();
  }
}
