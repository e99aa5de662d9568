import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiEvent, eventSet, replay, withoutNow } from "./event-set.js";
import { childEnv, postEvents, type ServeProcess, scratchDir, spawnServe, TOKEN } from "./serve-process.js";

const NOW = Date.parse("2026-03-20T12:00:00Z");
const CLIENTS = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const running: ServeProcess[] = [];
afterEach(() => {
  for (const server of running.splice(0)) server.proc.kill("SIGKILL");
});

function start(env: NodeJS.ProcessEnv): ServeProcess {
  const server = spawnServe(env);
  running.push(server);
  return server;
}

/** Concurrent single-event clients that resend an event until it is acknowledged with a 2xx. */
class Load {
  url = "";
  readonly acked = new Map<string, string>();
  failedAttempts = 0;
  private readonly queue: ApiEvent[];

  constructor(
    events: readonly ApiEvent[],
    private readonly deadline: number,
    private readonly onAck: (count: number) => void,
  ) {
    this.queue = [...events];
  }

  async run(clients: number): Promise<void> {
    await Promise.all(Array.from({ length: clients }, () => this.client()));
  }

  private async client(): Promise<void> {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) await this.sendUntilAcked(event);
  }

  private async sendUntilAcked(event: ApiEvent): Promise<void> {
    while (Date.now() < this.deadline) {
      const status = await this.send(event);
      if (status !== null) {
        this.acked.set(event.id, status);
        this.onAck(this.acked.size);
        return;
      }
      this.failedAttempts++;
      await pause(20);
    }
    throw new Error(`event ${event.id} was never acknowledged`);
  }

  /** The item's status on a 2xx; null when the request failed and must be sent again. */
  private async send(event: ApiEvent): Promise<string | null> {
    let response: Response;
    try {
      response = await postEvents(this.url, event);
    } catch {
      return null; // connection refused or cut: the server is down or was killed mid-request
    }
    const body = await response.text().catch(() => null);
    if (response.ok && body !== null) {
      return (JSON.parse(body) as { results: Array<{ status: string }> }).results[0]?.status ?? "?";
    }
    if (response.status === 429 || response.status >= 500 || body === null) return null;
    throw new Error(`event ${event.id}: unexpected ${response.status} ${body}`);
  }
}

async function metricsOf(url: string): Promise<unknown> {
  const response = await fetch(`${url}/v1/metrics?now=${NOW}&group_by=account`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return withoutNow(await response.json());
}

describe("a server killed with SIGKILL under load", () => {
  it("keeps every acknowledged event, stores no duplicate on retries, and measures as a clean replay", async () => {
    const dir = scratchDir("sla-crash-");
    const env = childEnv(dir, {});
    const events = eventSet(700, NOW);
    const killAt = Math.floor(events.length / 3);
    let server = start(env);
    let restarted: Promise<void> | null = null;
    const load = new Load(events, Date.now() + 50_000, (count) => {
      if (count < killAt || restarted) return;
      server.proc.kill("SIGKILL");
      restarted = (async () => {
        await server.exited;
        server = start(env);
        load.url = await server.listening;
      })();
    });
    load.url = await server.listening;
    await load.run(CLIENTS);
    await restarted;

    // Killed mid-load: requests in flight failed and were sent again.
    expect(restarted).not.toBeNull();
    expect(load.failedAttempts).toBeGreaterThan(0);
    expect(load.acked.size).toBe(events.length);
    // Deliberate redeliveries of acknowledged events are duplicates.
    const again = await postEvents(load.url, events.slice(0, 50));
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 50 });

    const expected = await replay(events, NOW);
    expect(await metricsOf(load.url)).toEqual(expected.metrics);

    server.proc.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const sqlite = new Database(join(dir, "sla.db"), { readonly: true });
    const stored = sqlite.prepare("SELECT id FROM messages ORDER BY id").pluck().all() as string[];
    sqlite.close();
    expect(stored).toEqual(events.map((event) => event.id).sort());
    const counts = [...load.acked.values()].reduce<Record<string, number>>((acc, status) => {
      acc[status] = (acc[status] ?? 0) + 1;
      return acc;
    }, {});
    console.log(
      `crash under load: ${events.length} events, killed after ${killAt} acks, ` +
        `${load.failedAttempts} failed attempts retried, acknowledged as ${JSON.stringify(counts)}`,
    );
  }, 60_000);
});
