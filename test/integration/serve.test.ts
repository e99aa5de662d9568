import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "sla-serve-"));
let child: ChildProcess | null = null;

afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});

/** Starts `serve` on a free port and waits for its log line; returns the URL and everything it printed. */
function start(db: string): Promise<{ url: string; output: () => string; exited: Promise<number | null> }> {
  const { SLA_API_TOKEN: _ignored, ...inherited } = process.env;
  const env = {
    ...inherited,
    SLA_DB: db,
    PORT: "0",
    SLA_OUTBOX_DIR: join(dir, "outbox"),
    SLA_PUBLIC_READ: "true",
  };
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = output.match(/listening on (http:\/\/localhost:\d+)/);
      if (match?.[1]) resolve({ url: match[1], output: () => output, exited });
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

describe("serve", () => {
  it("creates the database, prints a token once, accepts events with it and stops cleanly on SIGTERM", async () => {
    const db = join(dir, "fresh", "sla.db");
    const first = await start(db);
    const token = first.output().match(/shown once, stored hashed\): (\S+)/)?.[1];
    expect(token).toBeTruthy();
    const event = {
      id: "1",
      direction: "inbound",
      author: "c",
      at: new Date().toISOString(),
      text: "@Acme hi",
    };
    const posted = await fetch(`${first.url}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(event),
    });
    expect(await posted.json()).toMatchObject({ stored: 1 });
    const status = (await (await fetch(`${first.url}/v1/status`)).json()) as { counts: { open: number } };
    expect(status.counts.open).toBe(1);
    child?.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = await start(db);
    expect(second.output()).not.toMatch(/shown once/);
    const again = (await (await fetch(`${second.url}/v1/status`)).json()) as { counts: { open: number } };
    expect(again.counts.open).toBe(1);
  }, 30_000);
});

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
