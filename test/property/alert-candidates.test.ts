import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type AlertLevel, decideAlerts } from "../../src/domain/alerts.js";
import { AlertStore } from "../../src/storage/alert-store.js";
import { openDatabase } from "../../src/storage/database.js";

const handle = openDatabase(":memory:");
afterAll(() => handle.close());

const insertConversation = handle.sqlite.prepare(
  `INSERT INTO conversations (id, thread_id, source, first_message_id, customer, account, account_basis,
     mentions, started_at, due_at, touches, message_count, last_at, last_direction, alert_from, alert_until)
   VALUES (?, 1, 'x', ?, 'c', 'AcmeHelp', 'ingest', '  ', 0, 10, 0, 1, 0, 'inbound', ?, ?)`,
);

const insertClock = handle.sqlite.prepare(
  `INSERT INTO conversations (id, thread_id, source, first_message_id, customer, account, account_basis,
     mentions, started_at, due_at, warn_at, touches, message_count, last_at, last_direction, alert_from,
     alert_until, next_due_at, resolution_due_at)
   VALUES (?, 1, 'x', ?, 'c', 'AcmeHelp', 'ingest', '  ', 0, ?, ?, 0, 1, 0, 'inbound', ?, ?, ?, ?)`,
);
const insertAlert = handle.sqlite.prepare(
  `INSERT INTO alerts (conversation_id, target, level, account, source, point_at, created_at, acknowledged_at)
   VALUES (?, ?, ?, 'AcmeHelp', 'x', 0, 0, ?)`,
);
const LEVELS: readonly AlertLevel[] = ["warning", "breach", "escalation"];
const rarely = fc.constantFrom(false, false, false, true);

/** A conversation with no clock running, or one whose clocks warn from `from` and end by `until`. */
const conversation = fc.oneof(
  fc.constant({ from: null, until: null }),
  fc
    .record({ from: fc.integer({ min: 0, max: 100 }), span: fc.integer({ min: 0, max: 100 }) })
    .map(({ from, span }) => ({ from, until: from + span })),
);

async function readAll(store: AlertStore, since: number, now: number): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of store.runningConversationPages(since, now)) pages.push(page.map((row) => row.id));
  return pages;
}

describe("the running clocks read for the alert decision", () => {
  it("are every conversation warned by now and not older than the horizon, each once, on any page size", async () => {
    const cases = fc.record({
      list: fc.array(conversation, { maxLength: 40 }),
      since: fc.integer({ min: 0, max: 150 }),
      now: fc.integer({ min: 0, max: 150 }),
      pageSize: fc.integer({ min: 1, max: 7 }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ list, since, now, pageSize }) => {
        handle.sqlite.exec("DELETE FROM conversations;");
        list.forEach((c, n) => {
          insertConversation.run(`x:${n}`, String(n), c.from, c.until);
        });
        const pages = await readAll(new AlertStore(handle, pageSize), since, now);
        const expected = list
          .map((c, n) => ({ ...c, id: `x:${n}` }))
          .filter((c) => c.until !== null && c.from !== null && c.until >= since && c.from <= now)
          .map((c) => c.id);
        expect(pages.flat().sort()).toEqual(expected.sort());
        for (const page of pages) {
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(pageSize);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("leave out, and take out of the index, only conversations for which the decision raises nothing now or later", async () => {
    const clock = fc.record({
      warnAt: fc.integer({ min: 0, max: 60 }),
      target: fc.integer({ min: 0, max: 60 }),
      raised: fc.subarray([...LEVELS]),
      acknowledged: fc.boolean(),
      // Other clocks running (a follow-up waiting, a resolution target): never left out.
      followUp: rarely,
      resolution: rarely,
      // Alerts of another target say nothing of the first response's.
      otherTarget: rarely,
    });
    // `now` anywhere, or at a point of one of the clocks (give or take a millisecond), where `<` and `<=` part.
    const cases = fc
      .record({
        list: fc.array(clock, { minLength: 1, maxLength: 6 }),
        escalationDelayMs: fc.integer({ min: 0, max: 30 }),
      })
      .chain(({ list, escalationDelayMs }) => {
        const points = list.flatMap((c) => [
          c.warnAt,
          c.warnAt + c.target,
          c.warnAt + c.target + escalationDelayMs,
        ]);
        const now = fc.oneof(
          fc.integer({ min: 0, max: 150 }),
          fc.tuple(fc.constantFrom(...points), fc.integer({ min: -1, max: 1 })).map(([p, d]) => p + d),
        );
        return fc.record({
          list: fc.constant(list),
          escalationDelayMs: fc.constant(escalationDelayMs),
          now,
          later: fc.integer({ min: 0, max: 100 }),
        });
      });
    const untilOf = handle.sqlite.prepare("SELECT alert_until FROM conversations WHERE id = ?").pluck();
    await fc.assert(
      fc.asyncProperty(cases, async ({ list, now, escalationDelayMs, later }) => {
        handle.sqlite.exec("DELETE FROM alerts; DELETE FROM conversations;");
        list.forEach((c, n) => {
          const due = c.warnAt + c.target;
          const until = Math.max(due, c.followUp ? due + 5 : due, c.resolution ? due + 9 : due);
          const id = `x:${n}`;
          insertClock.run(
            id,
            String(n),
            due,
            c.warnAt,
            c.warnAt,
            until,
            c.followUp ? due + 5 : null,
            c.resolution ? due + 9 : null,
          );
          const target = c.otherTarget ? "resolution" : "first_response";
          for (const level of c.raised) {
            insertAlert.run(id, target, level, level === "breach" && c.acknowledged ? now : null);
          }
        });
        const read = new Set((await readAll(new AlertStore(handle, 4), 0, now)).flat());
        const policy = { escalationDelayMs, maxAgeMs: 1_000 };
        list.forEach((c, n) => {
          const inIndex = untilOf.get(`x:${n}`) !== null;
          if (c.warnAt > now) {
            expect(read.has(`x:${n}`)).toBe(false);
            expect(inIndex).toBe(true);
            return;
          }
          // Read: stays in the index for the next cycles. Left out: taken out of it for good.
          expect(inIndex).toBe(read.has(`x:${n}`));
          if (read.has(`x:${n}`)) return;
          // Left out: only a first-response clock runs, and its decision is nothing.
          expect(c.followUp || c.resolution || c.otherTarget).toBe(false);
          const state = {
            raised: new Set(c.raised),
            acknowledgedAt: c.raised.includes("breach") && c.acknowledged ? now : null,
          };
          const due = c.warnAt + c.target;
          expect(decideAlerts({ warnAt: c.warnAt, due }, state, now, policy)).toEqual([]);
          // And at any later time, so no later cycle needs to read it again.
          expect(decideAlerts({ warnAt: c.warnAt, due }, state, now + later, policy)).toEqual([]);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
