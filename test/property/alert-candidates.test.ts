import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type AlertLevel, type AlertPolicy, decideAlerts } from "../../src/domain/alerts.js";
import { AlertStore, FIRST_RESPONSE } from "../../src/storage/alert-store.js";
import { openDatabase } from "../../src/storage/database.js";

const handle = openDatabase(":memory:");
const store = new AlertStore(handle);
afterAll(() => handle.close());

const insertConversation = handle.sqlite.prepare(
  `INSERT INTO conversations (id, thread_id, source, first_message_id, customer, account, account_basis,
     mentions, started_at, due_at, touches, message_count, last_at, last_direction)
   VALUES (?, 1, 'x', ?, 'c', 'AcmeHelp', 'ingest', '  ', ?, ?, 0, 1, ?, 'inbound')`,
);
const insertAlert = handle.sqlite.prepare(
  `INSERT INTO alerts (conversation_id, target, level, account, source, point_at, created_at, acknowledged_at)
   VALUES (?, ?, ?, 'AcmeHelp', 'x', 0, 0, ?)`,
);

const LEVELS: readonly AlertLevel[] = ["warning", "breach", "escalation"];

interface Params {
  now: number;
  warningShare: number;
  escalationDelayMs: number;
  maxAgeMs: number;
}

const params = fc.record({
  now: fc.integer({ min: 20_000, max: 40_000 }),
  warningShare: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  escalationDelayMs: fc.integer({ min: 0, max: 5_000 }),
  maxAgeMs: fc.integer({ min: 0, max: 20_000 }),
});

/** A conversation of any age, or one whose warning, breach or escalation point is within 2 ms of `now`. */
const conversation = (p: Params) =>
  fc
    .record({
      targetMs: fc.integer({ min: 1, max: 5_000 }),
      near: fc.constantFrom("anywhere", "warning", "breach", "escalation"),
      age: fc.integer({ min: 0, max: 15_000 }),
      delta: fc.integer({ min: -2, max: 2 }),
      raised: fc.subarray([...LEVELS]),
      acknowledged: fc.boolean(),
    })
    .map((c) => {
      const ages = {
        anywhere: c.age,
        warning: Math.floor(c.targetMs * p.warningShare) + c.delta,
        breach: c.targetMs + c.delta,
        escalation: c.targetMs + p.escalationDelayMs + c.delta,
      };
      return { ...c, startedAt: p.now - ages[c.near] };
    });

async function readAt(now: number, warningShare = 0.75, escalationDelayMs = 1000): Promise<string[]> {
  const ids: string[] = [];
  const at = { now, warningShare, escalationDelayMs };
  for await (const page of store.openConversationPages(0, Number.MAX_SAFE_INTEGER, at)) {
    ids.push(...page.map((row) => row.id));
  }
  return ids;
}

describe("the open conversations read for the alert decision", () => {
  it("pass over conversations not yet at a warning point and those with every level settled", async () => {
    handle.sqlite.exec("DELETE FROM alerts; DELETE FROM conversations;");
    const add = (id: string, dueAt: number, levels: AlertLevel[], acknowledgedAt: number | null = null) => {
      insertConversation.run(id, id, dueAt - 2000, dueAt, dueAt - 2000);
      for (const level of levels) {
        insertAlert.run(id, FIRST_RESPONSE, level, level === "breach" ? acknowledgedAt : null);
      }
    };
    add("early", 100_000, []);
    add("escalated", 4000, ["warning", "breach", "escalation"]);
    add("acknowledged", 4000, ["breach"], 4500);
    add("to-escalate", 4000, ["breach"]);
    add("to-warn", 5400, []);
    expect((await readAt(5000)).sort()).toEqual(["to-escalate", "to-warn"]);
  });

  it("leave out only conversations for which the decision raises nothing", async () => {
    const cases = params.chain((p) =>
      fc.tuple(fc.constant(p), fc.array(conversation(p), { minLength: 1, maxLength: 20 })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([{ now, warningShare, escalationDelayMs, maxAgeMs }, list]) => {
        handle.sqlite.exec("DELETE FROM alerts; DELETE FROM conversations;");
        list.forEach((c, n) => {
          insertConversation.run(`x:${n}`, String(n), c.startedAt, c.startedAt + c.targetMs, c.startedAt);
          for (const level of c.raised) {
            const acknowledgedAt = level === "breach" && c.acknowledged ? now : null;
            insertAlert.run(`x:${n}`, FIRST_RESPONSE, level, acknowledgedAt);
          }
        });
        const read = new Set<string>();
        const pages = store.openConversationPages(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, {
          now,
          warningShare,
          escalationDelayMs,
        });
        for await (const page of pages) for (const row of page) read.add(row.id);
        const policy: AlertPolicy = { warningShare, escalationDelayMs, maxAgeMs, windowMs: 3_600_000 };
        list.forEach((c, n) => {
          if (read.has(`x:${n}`)) return;
          const state = {
            raised: new Set(c.raised),
            acknowledgedAt: c.raised.includes("breach") && c.acknowledged ? now : null,
          };
          const clock = {
            startedAt: c.startedAt,
            dueAt: c.startedAt + c.targetMs,
            firstResponseAt: null,
            lastAt: c.startedAt,
            lastDirection: "inbound" as const,
            resolvedAt: null,
          };
          expect(decideAlerts(clock, state, now, policy)).toEqual([]);
        });
      }),
      { numRuns: 300 },
    );
  });
});
