import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker, { type WorkerEnv } from "../../src/runtime/worker.js";

const TOKEN = "workers-test-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };
const HOUR = 3_600_000;
// Inside workerd the clock stands still between I/O; times are taken relative to it once.
const start = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

const bindings = env as unknown as WorkerEnv;

/** A request through the Worker's own `fetch` handler, as the runtime calls it. */
async function call(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://sla.example.com${path}`, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function post(path: string, body: unknown) {
  return call(path, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function scan(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), bindings, ctx);
  await waitOnExecutionContext(ctx);
}

interface ReceivedMail {
  authorization: string | null;
  idempotencyKey: string | null;
  body: { to: string[]; subject: string; text: string; message_id: string };
}

async function received(): Promise<ReceivedMail[]> {
  return (await (await fetch("https://mail.test/received")).json()) as ReceivedMail[];
}

describe("the service on Workers over D1", () => {
  it("refuses ingest without a token and names the header", async () => {
    const response = await call("/v1/events", { method: "POST", body: "[]" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining("authorization") });
  });

  it("stores events, joins a reply that arrives before its parent, and counts duplicates", async () => {
    const reply = {
      source: "x",
      id: "r1",
      type: "message",
      direction: "outbound",
      author: "AcmeHelp",
      at: iso(start - 2.5 * HOUR),
      text: "We are on it",
      in_reply_to: "q1",
    };
    const first = await post("/v1/events", [reply]);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ stored: 1, duplicates: 0 });
    const events = [
      {
        source: "x",
        id: "q1",
        type: "message",
        direction: "inbound",
        author: "alice",
        at: iso(start - 3 * HOUR),
        text: "@AcmeHelp my order is late",
      },
      {
        source: "x",
        id: "q2",
        type: "message",
        direction: "inbound",
        author: "bob",
        // Due 30 minutes ago; its escalation (an hour after the breach) is not due yet.
        at: iso(start - 2.5 * HOUR),
        text: "@AcmeHelp nobody answers me",
      },
      reply,
    ];
    const second = await post("/v1/events", events);
    expect(await second.json()).toMatchObject({ stored: 2, duplicates: 1, rejected: 0 });
  });

  it("answers the status: one conversation answered within target, one breaching", async () => {
    const response = await call(`/v1/status?now=${iso(start)}`, { headers: auth });
    expect(response.status).toBe(200);
    const status = (await response.json()) as {
      counts: { open: number; breaching: number };
      breaching: Array<{ id: string; customer: string; account: string }>;
    };
    expect(status.counts).toMatchObject({ open: 1, breaching: 1 });
    expect(status.breaching).toEqual([expect.objectContaining({ id: "x:q2", customer: "bob" })]);
    const conversations = await call("/v1/conversations", { headers: auth });
    const list = (await conversations.json()) as {
      conversations: Array<{ id: string; state: string; messages: number }>;
    };
    expect(list.conversations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "x:q1", state: "answered", messages: 2 }),
        expect.objectContaining({ id: "x:q2", messages: 1 }),
      ]),
    );
  });

  it("raises the breach on a scheduled scan and delivers it once through the mail API", async () => {
    await scan(start);
    const mail = await received();
    expect(mail).toHaveLength(1);
    const [email] = mail;
    expect(email?.authorization).toBe("Bearer mail-key");
    expect(email?.body.to).toEqual(["lead@example.com"]);
    expect(email?.idempotencyKey).toBe(email?.body.message_id);
    expect(email?.body.subject).toMatch(/breach/i);
    expect(email?.body.text).toContain("bob");
    expect(email?.body.text).toContain("nobody answers me");

    await scan(start + 60_000);
    expect(await received()).toHaveLength(1);
    const alerts = await call("/v1/alerts", { headers: auth });
    const listed = (await alerts.json()) as {
      alerts: Array<{ conversation_id: string; level: string; status: string }>;
    };
    expect(listed.alerts).toEqual([
      expect.objectContaining({ conversation_id: "x:q2", level: "breach", status: "sent" }),
    ]);
  });

  it("answers the metrics over D1", async () => {
    const response = await call(`/v1/metrics?now=${iso(start)}`, { headers: auth });
    expect(response.status).toBe(200);
    const metrics = (await response.json()) as {
      total: {
        conversations: number;
        responded: number;
        due: number;
        response_rate: number;
        ttfr_p50_ms: number;
      };
    };
    expect(metrics.total).toMatchObject({ conversations: 2, responded: 1, due: 2, response_rate: 0.5 });
    expect(metrics.total.ttfr_p50_ms).toBe(0.5 * HOUR);
    const ready = await call("/readyz");
    // Every file of db/migrations, as wrangler read them.
    expect(await ready.json()).toEqual({ ok: true, migrations: env.TEST_MIGRATIONS.length });
  });
});
