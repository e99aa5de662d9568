import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { hashToken } from "../../src/services/tokens.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "sla-token-cli-"));
const { SLA_API_TOKEN: _ignored, SLA_PUBLIC_READ: _public, ...inherited } = process.env;
const env = { ...inherited, SLA_OUTBOX_DIR: join(dir, "outbox"), SLA_SUMMARY_HOUR: "off" };

/** Runs the CLI; resolves with its exit code and output whether it succeeded or not. */
async function sla(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      env,
      encoding: "utf8",
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each CLI call is a fresh Node process (about a second or two each on a loaded machine).
describe("npm run sla -- token", { timeout: 90_000 }, () => {
  const db = join(dir, "tokens.db");

  it("creates a scoped token, printed once, and lists it without the token or its hash", async () => {
    const created = await sla(
      "token",
      "create",
      "--scopes",
      "read,ingest",
      "--label",
      "wall display",
      "--db",
      db,
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^sla_[\w-]{32}$/);
    expect(created.stderr).toContain("token 1 with scopes ingest,read (shown once, stored hashed)");
    const listed = await sla("token", "list", "--db", db);
    expect(listed.code).toBe(0);
    const [header, row, ...rest] = listed.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^id\s+label\s+scopes\s+created\s+last used\s+revoked$/);
    expect(row).toMatch(/^1\s+wall display\s+ingest,read\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+-\s+-$/);
    expect(rest).toEqual([]);
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout).not.toContain(hashToken(token));
    expect(readFileSync(db).includes(token)).toBe(false);
  });

  it("rejects an unknown scope with a usage error naming --scopes", async () => {
    const result = await sla("token", "create", "--scopes", "read,root", "--db", db);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--scopes: unknown scope "root"');
  });

  it("revokes by label or id, refuses an ambiguous label and an unknown one", async () => {
    await sla("token", "create", "--label", "ci", "--db", db);
    await sla("token", "create", "--label", "ci", "--db", db);
    const ambiguous = await sla("token", "revoke", "ci", "--db", db);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('label "ci" names 2 tokens (ids 2, 3): revoke by id');
    const byId = await sla("token", "revoke", "3", "--db", db);
    expect(byId.stdout).toContain("revoked token 3 (ci)");
    const byLabel = await sla("token", "revoke", "ci", "--db", db);
    expect(byLabel.stdout).toContain("revoked token 2 (ci)");
    const unknown = await sla("token", "revoke", "nobody", "--db", db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no active token with id or label "nobody"');
    const listed = (await sla("token", "list", "--db", db)).stdout;
    expect(listed).toMatch(/\n2\s+ci\s+ingest,read,admin\s+\S+\s+-\s+\d{4}-\S+Z\n/);
    expect((await sla("token", "revoke", "--db", db)).code).toBe(2);
  });
});

/** Starts `serve` on a free port with private reads; resolves with its URL and its output so far. */
function serve(db: string): Promise<{ url: string; output: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    env: { ...env, SLA_DB: db, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = output.match(/listening on (http:\/\/localhost:\d+)/);
      if (match?.[1]) resolve({ url: match[1], output });
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

describe("the first-start token and revocation across processes", { timeout: 90_000 }, () => {
  it("gives the first-start token every scope, and a CLI revoke stops it at the running service at once", async () => {
    const db = join(dir, "serve.db");
    const { url, output } = await serve(db);
    const token = output.match(/shown once, stored hashed\): (\S+)/)?.[1] ?? "";
    expect(token).toMatch(/^sla_/);
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${url}/v1/status`)).status).toBe(401);
    expect((await fetch(`${url}/v1/status`, { headers: auth })).status).toBe(200);
    const posted = await fetch(`${url}/v1/events`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ id: "1", direction: "inbound", author: "c", at: new Date().toISOString() }),
    });
    expect(posted.status).toBe(200);
    const ack = await fetch(`${url}/v1/alerts/999/ack`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ by: "jane" }),
    });
    expect(ack.status).toBe(404);
    const listed = (await sla("token", "list", "--db", db)).stdout;
    expect(listed).toMatch(/\n1\s+first start\s+ingest,read,admin\s/);
    expect((await sla("token", "revoke", "first start", "--db", db)).code).toBe(0);
    const refused = await fetch(`${url}/v1/status`, { headers: auth });
    expect(refused.status).toBe(401);
  });
});
