import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import { TOKEN } from "./serve-process.js";

/** One event of `POST /v1/events`. */
export interface ApiEvent {
  id: string;
  source: string;
  type?: "resolve";
  direction?: "inbound" | "outbound";
  author?: string;
  account?: string;
  in_reply_to?: string;
  at: string;
  text?: string;
}

const ACCOUNTS = ["AcmeHelp", "ZedCare", "BoltSupport"];
const MIN = 60_000;

/**
 * Deterministic threads ending before `end`: a customer message, mostly an answer (in or out of the 2 h
 * target), sometimes a follow-up and a resolve. `threads` threads give about 2.5 events each.
 */
export function eventSet(threads: number, end: number, seed = 7): ApiEvent[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const events: ApiEvent[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let t = 0; t < threads; t++) {
    const account = ACCOUNTS[t % ACCOUNTS.length] ?? "AcmeHelp";
    const start = end - Math.floor(random() * 10 * 24 * 60) * MIN;
    const ask = `t${t}-ask`;
    events.push({
      id: ask,
      source: "x",
      direction: "inbound",
      author: `cust${t}`,
      at: iso(start),
      text: `@${account} help`,
    });
    if (random() < 0.8) {
      const answerAt = start + Math.floor(random() * 240) * MIN;
      events.push({
        id: `t${t}-ans`,
        source: "x",
        direction: "outbound",
        author: account,
        in_reply_to: ask,
        at: iso(answerAt),
      });
      if (random() < 0.4) {
        events.push({
          id: `t${t}-more`,
          source: "x",
          direction: "inbound",
          author: `cust${t}`,
          in_reply_to: `t${t}-ans`,
          at: iso(answerAt + 5 * MIN),
        });
      }
      if (random() < 0.3)
        events.push({
          id: `t${t}-res`,
          source: "x",
          type: "resolve",
          in_reply_to: ask,
          at: iso(answerAt + 10 * MIN),
        });
    }
  }
  return events;
}

/**
 * A clean replay: `events` written in one request into a fresh database file. Returns the file (closed)
 * and its metrics (`GET /v1/metrics?now=&group_by=account`).
 */
export async function replay(
  events: readonly ApiEvent[],
  now: number,
): Promise<{ dbPath: string; metrics: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), "sla-replay-"));
  const dbPath = join(dir, "replay.db");
  const service = createNodeService(
    loadConfig({ SLA_DB: dbPath, SLA_API_TOKEN: TOKEN, SLA_OUTBOX_DIR: join(dir, "outbox") }),
  );
  try {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const posted = await service.app.request("/v1/events", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(events),
    });
    if (posted.status !== 200) throw new Error(`replay failed: ${posted.status} ${await posted.text()}`);
    const metrics = await service.app.request(`/v1/metrics?now=${now}&group_by=account`, { headers: auth });
    return { dbPath, metrics: withoutNow(await metrics.json()) };
  } finally {
    await service.close();
  }
}

/** Metrics without the `now` field (the same instant, written the same way, but not what is compared). */
export function withoutNow(metrics: unknown): unknown {
  const { now: _now, ...rest } = metrics as Record<string, unknown>;
  return rest;
}
