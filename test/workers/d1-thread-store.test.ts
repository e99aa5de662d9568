import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { SlaEvent } from "../../src/domain/event.js";
import { parseApiEvent } from "../../src/ingest/api-event.js";
import type { D1Client, D1Statement } from "../../src/storage/d1/d1-client.js";
import { D1PolicyStore } from "../../src/storage/d1/d1-policy-store.js";
import { D1ThreadStore } from "../../src/storage/d1/d1-thread-store.js";

const d1 = env.DB as unknown as D1Client;
const AT = Date.parse("2026-11-20T10:00:00Z");

function event(fields: Record<string, unknown>): SlaEvent {
  const parsed = parseApiEvent({
    source: "race",
    type: "message",
    at: new Date(AT).toISOString(),
    ...fields,
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

/** A D1 client that runs `competitor` just before its `n`-th batch, as a concurrent request would. */
function racing(n: number, competitor: () => Promise<unknown>): D1Client {
  let calls = 0;
  return {
    prepare: (sql: string) => d1.prepare(sql),
    batch: async <T>(statements: D1Statement[]) => {
      calls++;
      if (calls === n) await competitor();
      return d1.batch<T>(statements);
    },
  };
}

async function conversationsOf(ids: string[]) {
  const { results } = await d1
    .prepare(
      `SELECT id, message_count AS messages, first_response_at AS answered, thread_id AS thread FROM conversations
       WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .bind(JSON.stringify(ids))
    .all<{ id: string; messages: number; answered: number | null; thread: number }>();
  return results;
}

describe("the D1 thread store under concurrent writes", () => {
  it("joins a reply whose parent another request stored between its read and its write", async () => {
    const policies = await D1PolicyStore.open(d1, loadConfig({}).policies, AT);
    const parent = event({ id: "p1", direction: "inbound", author: "carol", text: "where is my parcel" });
    const reply = event({
      id: "p1-reply",
      direction: "outbound",
      author: "AcmeHelp",
      at: new Date(AT + 600_000).toISOString(),
      in_reply_to: "p1",
    });
    const other = new D1ThreadStore(d1, policies);
    // The reply's first batch reads its links (p1 missing); the parent is stored before its write batch.
    const store = new D1ThreadStore(
      racing(2, () => other.write([parent], AT)),
      policies,
    );
    expect(await store.write([reply], AT + 600_000)).toEqual(["stored"]);
    expect(await conversationsOf(["race:p1"])).toEqual([
      expect.objectContaining({ id: "race:p1", messages: 2, answered: AT + 600_000 }),
    ]);
    const threads = await d1
      .prepare("SELECT count(DISTINCT thread_id) AS n FROM messages WHERE source = 'race'")
      .first<{ n: number }>();
    expect(threads?.n).toBe(1);
  });

  it("keeps both messages when two requests add to the same stored thread at once", async () => {
    const policies = await D1PolicyStore.open(d1, loadConfig({}).policies, AT);
    const base = new D1ThreadStore(d1, policies);
    await base.write([event({ id: "q1", direction: "inbound", author: "dan", text: "hello?" })], AT);
    const followUp = event({
      id: "q1-b",
      direction: "inbound",
      author: "dan",
      in_reply_to: "q1",
      text: "anyone?",
    });
    const answer = event({
      id: "q1-a",
      direction: "outbound",
      author: "AcmeHelp",
      at: new Date(AT + 60_000).toISOString(),
      in_reply_to: "q1",
    });
    // Both read thread q1 as one message; the follow-up is written first, then the answer's batch.
    const store = new D1ThreadStore(
      racing(3, () => base.write([followUp], AT + 1)),
      policies,
    );
    await store.write([answer], AT + 60_000);
    expect(await conversationsOf(["race:q1"])).toEqual([
      expect.objectContaining({ id: "race:q1", messages: 3, answered: AT + 60_000 }),
    ]);
  });

  it("stores a batch larger than one D1 value in several statements of one batch", async () => {
    const policies = await D1PolicyStore.open(d1, loadConfig({}).policies, AT);
    const store = new D1ThreadStore(d1, policies);
    // 60 messages of 10,000 characters: about 600 kB of JSON, more than one statement binds.
    const events = Array.from({ length: 60 }, (_, i) =>
      event({ id: `big-${i}`, direction: "inbound", author: `c${i}`, text: "x".repeat(10_000) }),
    );
    expect(await store.write(events, AT)).toEqual(events.map(() => "stored"));
    const stored = await d1
      .prepare("SELECT count(*) AS n, sum(length(text)) AS chars FROM messages WHERE id LIKE 'big-%'")
      .first<{ n: number; chars: number }>();
    expect(stored).toEqual({ n: 60, chars: 600_000 });
    expect(await conversationsOf(["race:big-0", "race:big-59"])).toHaveLength(2);
  });
});
