import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export const TOKEN = "durability-token-0123456789";

const run = promisify(execFile);

/** A scratch folder, removed when the test process exits. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment of a child: the test's own, minus what would change its behaviour, plus `env`. */
export function childEnv(dir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const { SLA_API_TOKEN: _t, SLA_TARGET: _a, SLA_WINDOW: _w, SMTP_URL: _s, ...inherited } = process.env;
  return {
    ...inherited,
    SLA_DB: join(dir, "sla.db"),
    PORT: "0",
    SLA_API_TOKEN: TOKEN,
    SLA_SUMMARY_HOUR: "off",
    SLA_OUTBOX_DIR: join(dir, "outbox"),
    // The test measures durability, not the limiter: thousands of requests come from one client.
    SLA_RATE_LIMIT: "off",
    ...env,
  };
}

/** A `serve` child process. `listening` resolves with its URL, or rejects when it exits first. */
export interface ServeProcess {
  proc: ChildProcess;
  listening: Promise<string>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
  /** Resolves once the output matches, polling until `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts `npm run sla -- serve` as a real process (`node --import tsx src/cli/main.ts serve`). */
export function spawnServe(env: NodeJS.ProcessEnv): ServeProcess {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (data: Buffer) => {
    output += data.toString();
  };
  proc.stdout?.on("data", append);
  proc.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const waitForOutput = async (pattern: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline)
        throw new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${output}`);
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`serve exited (${proc.exitCode ?? proc.signalCode}) before ${pattern}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const listening = waitForOutput(/listening on http:\/\/localhost:\d+/).then(() => {
    const match = output.match(/listening on (http:\/\/localhost:\d+)/);
    return (match?.[1] ?? "").replace("localhost", "127.0.0.1");
  });
  listening.catch(() => undefined);
  return { proc, listening, exited, output: () => output, waitForOutput };
}

/** Runs a CLI command to its end; never throws on a non-zero exit. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      env,
      encoding: "utf8",
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** POSTs one JSON body to `/v1/events` with the test token. */
export function postEvents(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
