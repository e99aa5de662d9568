import { existsSync, statSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import { childEnv, type ServeProcess, scratchDir, spawnServe, TOKEN } from "./serve-process.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** An SMTP server that holds each message's final reply until the test releases it. */
async function holdingSmtp() {
  let arrived: () => void = () => {};
  const arrival = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const held: Array<() => void> = [];
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        received++;
        held.push(() => callback());
        arrived();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  cleanups.push(() => server.close());
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrival,
    received: () => received,
    release: () => {
      for (const reply of held.splice(0)) reply();
    },
  };
}

/** A database with one customer message that breached its 2 h target an hour ago. */
async function breachingDatabase(dbPath: string, outbox: string) {
  const service = createNodeService(
    loadConfig({ SLA_DB: dbPath, SLA_API_TOKEN: TOKEN, SLA_OUTBOX_DIR: outbox }),
  );
  const at = new Date(Date.now() - 3 * 3_600_000).toISOString();
  const body = JSON.stringify({
    id: "late",
    source: "x",
    direction: "inbound",
    author: "c",
    at,
    text: "@Acme?",
  });
  await service.app.request("/v1/events", {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body,
  });
  await service.close();
}

/** Starts a POST whose body is only half sent; `finish` sends the rest and resolves with the answer. */
function halfSentPost(url: string, body: string, agent: Agent) {
  const target = new URL("/v1/events", url);
  let finish = () => {};
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(target, {
      method: "POST",
      agent,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { answer, finish: () => finish() };
}

/**
 * A client that keeps one keep-alive connection busy with a request every 100 ms, as a dashboard would;
 * it stops at the first failure (the server closed the connection and no longer listens).
 */
async function chattyClient(url: string, agent: Agent): Promise<number> {
  let answered = 0;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(new URL("/healthz", url), { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(true));
      });
      req.on("error", () => resolve(false));
      req.end();
    });
    if (!ok) return answered;
    answered++;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("SIGTERM", () => {
  it("answers the request in flight, lets the alert cycle finish, checkpoints the database and exits 0", async () => {
    const dir = scratchDir("sla-term-");
    const dbPath = join(dir, "sla.db");
    await breachingDatabase(dbPath, join(dir, "outbox"));
    const smtp = await holdingSmtp();
    const server: ServeProcess = spawnServe(
      childEnv(dir, { SMTP_URL: smtp.url, ALERT_TO: "lead@example.com" }),
    );
    cleanups.push(() => server.proc.kill("SIGKILL"));
    const url = await server.listening;
    // The first alert cycle runs at start; its email is now held open by the SMTP server.
    await smtp.arrival;

    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const event = {
      id: "during",
      source: "x",
      direction: "inbound",
      author: "d",
      at: new Date().toISOString(),
    };
    const inFlight = halfSentPost(url, JSON.stringify(event), agent);
    // Answered on another connection after the first one's headers were sent: the server has read them.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    server.proc.kill("SIGTERM");
    await server.waitForOutput(/SIGTERM: shutting down/);
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ stored: 1 });
    // A busy keep-alive connection does not hold the shutdown: it is closed between two requests.
    const chatty = chattyClient(url, new Agent({ keepAlive: true, maxSockets: 1 }));
    // The alert cycle is still sending, so the process must still be running.
    expect(server.proc.exitCode).toBeNull();
    smtp.release();
    expect(await server.exited).toBe(0);
    await chatty;

    expect(smtp.received()).toBe(1);
    const wal = `${dbPath}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const sqlite = new Database(dbPath, { readonly: true });
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.prepare("SELECT id FROM messages ORDER BY id").pluck().all()).toEqual(["during", "late"]);
    sqlite.close();
    // Reopened: the email the cycle was sending is recorded as sent, so it is never sent again.
    const reopened = createNodeService(
      loadConfig({ SLA_DB: dbPath, SLA_API_TOKEN: TOKEN, SLA_OUTBOX_DIR: join(dir, "outbox") }),
    );
    const counts = reopened.deps.alerts.store.deliveryCounts();
    await reopened.close();
    expect(counts).toMatchObject({ pending: 0, failed: 0 });
    expect(counts.sent).toBeGreaterThan(0);
  });

  it("that comes while the server starts stops it once started, cleanly, instead of killing it", async () => {
    const dir = scratchDir("sla-term-");
    const server = spawnServe(childEnv(dir, {}));
    cleanups.push(() => server.proc.kill("SIGKILL"));
    // Sent as soon as the first line comes, while the service is still opening: before it listens.
    await new Promise<void>((resolve) => {
      server.proc.stdout?.once("data", () => resolve());
      server.proc.stderr?.once("data", () => resolve());
    });
    server.proc.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: shutting down/);
    expect(server.output()).toMatch(/stopped: requests answered/);
  });
});
