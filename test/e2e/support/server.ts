import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { loadConfig } from "../../../src/config.js";
import { createNodeService, type NodeService } from "../../../src/runtime/node-service.js";
import type { Mailer } from "../../../src/services/mailer.js";
import { TEST_TOKEN } from "../../support/test-service.js";

/** The instant the seeded data is built around. */
export const BASE = Date.parse("2026-03-09T12:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;

/** Message text that would run script if a page ever inserted it as HTML. */
export const HOSTILE = "<img src=x onerror=window.__pwned=1>";

/** The server under test, on a free local port. */
export interface E2eServer {
  url: string;
  service: NodeService;
  /** Posts events through the API, as an integration would. */
  post(events: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** A mailer that always fails, so the page shows its failed-delivery banner. */
const failingMailer: Mailer = {
  kind: "smtp",
  description: "smtp://mail.example.invalid:587",
  send: async () => {
    throw new Error("connect ECONNREFUSED");
  },
};

const at = (ms: number) => new Date(ms).toISOString();

/**
 * A week of answered conversations for two brands on two sources (TTFRs from minutes to hours, so the
 * charts have a shape), plus the open queue: two breaching, one at risk, two fresh, one hostile text.
 */
export function seedEvents(now: number): unknown[] {
  const events: unknown[] = [];
  const ttfrs = [4, 12, 25, 50, 80, 110, 150, 260];
  for (let day = 6; day >= 0; day--) {
    ttfrs.forEach((ttfr, i) => {
      if ((day + i) % 5 === 0 && ttfr > 100) return; // vary the days a little
      const account = i % 3 === 0 ? "ZedCare" : "AcmeHelp";
      const source = i % 2 === 0 ? "x" : "email";
      const start = now - day * DAY - (10 + i * 40) * MIN - (day === 0 ? 300 * MIN : 0);
      const id = `h${day}-${i}`;
      events.push({
        id,
        source,
        direction: "inbound",
        author: `cust-${id}`,
        at: at(start),
        text: `@${account} order ${id} has not arrived`,
      });
      events.push({
        id: `${id}r`,
        source,
        direction: "outbound",
        author: account,
        in_reply_to: id,
        at: at(start + ttfr * MIN),
        text: "On it!",
      });
    });
  }
  const ask = (id: string, minutesAgo: number, text: string, extra: object = {}) => ({
    id,
    source: "x",
    direction: "inbound",
    author: `cust-${id}`,
    at: at(now - minutesAgo * MIN),
    text,
    ...extra,
  });
  events.push(
    ask("late1", 200, "@AcmeHelp my parcel is three days late and nobody answers"),
    ask("late2", 140, "@ZedCare the app crashes at checkout", { source: "email" }),
    ask("risk1", 100, "@AcmeHelp can I change my delivery address?"),
    ask("new1", 15, `@AcmeHelp ${HOSTILE} please check my account`),
    ask("new2", 5, "@ZedCare refund status?", { source: "email" }),
  );
  return events;
}

/** What a test file's server differs in: more configuration, other seed events. */
export interface E2eServerOptions {
  env?: Record<string, string>;
  /** The events seeded at start, instead of {@link seedEvents}. */
  events?: unknown[];
}

/**
 * The real server on a free port over an in-memory database, with a clock that starts at `BASE` and runs
 * in real time (so the page's countdowns and the server agree), and a mailer that always fails.
 */
export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  const started = Date.now();
  const clock = () => BASE + (Date.now() - started);
  const config = loadConfig({
    SLA_DB: ":memory:",
    SLA_API_TOKEN: TEST_TOKEN,
    SLA_PUBLIC_READ: "true",
    SLA_OUTBOX_DIR: join(mkdtempSync(join(tmpdir(), "sla-e2e-")), "outbox"),
    ALERT_TO: "lead@example.com",
    SLA_ALERT_MAX_ATTEMPTS: "1",
    ...options.env,
  });
  const service = createNodeService(config, { clock, mailer: failingMailer });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: service.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP port");
  const { port } = address;
  const url = `http://127.0.0.1:${port}`;
  const post = async (events: unknown[]) => {
    const response = await fetch(`${url}/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
      body: JSON.stringify(events),
    });
    if (response.status !== 200)
      throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  };
  await post(options.events ?? seedEvents(BASE));
  await service.deps.alerts.runOnce(clock());
  return {
    url,
    service,
    post,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.close();
    },
  };
}
