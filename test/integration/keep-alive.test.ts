import { mkdtempSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/runtime/logger.js";
import { type RunningServer, startNodeServer } from "../../src/runtime/node.js";

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

/** Sends one request on the socket and resolves with the head of its answer (status line and headers). */
function ask(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = "";
    const onData = (data: Buffer) => {
      received += data.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      const length = Number(received.match(/content-length: (\d+)/i)?.[1] ?? Number.NaN);
      if (end >= 0 && received.length >= end + 4 + length) {
        socket.off("data", onData);
        socket.off("close", onClose);
        resolve(received.slice(0, end));
      }
    };
    const onClose = () => reject(new Error(`connection closed; received: ${JSON.stringify(received)}`));
    socket.on("data", onData);
    socket.once("close", onClose);
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
  });
}

describe("keep-alive connections", () => {
  it("stay open past Node's default 5 s idle timeout, so a client's next request is answered on them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-keep-alive-"));
    const config = loadConfig({
      SLA_DB: join(dir, "sla.db"),
      SLA_API_TOKEN: "keep-alive-test-token-0123456789",
      SLA_OUTBOX_DIR: join(dir, "outbox"),
      SLA_LOG_LEVEL: "silent",
      PORT: "0",
    });
    const server = await startNodeServer(config, createLogger(config.log));
    running.push(server);
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let closedAt: number | null = null;
    socket.once("close", () => {
      closedAt = Date.now();
    });
    expect(await ask(socket)).toMatch(/^HTTP\/1\.1 200/);
    await sleep(7_000);
    expect(closedAt).toBeNull();
    expect(await ask(socket)).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  }, 20_000);
});
