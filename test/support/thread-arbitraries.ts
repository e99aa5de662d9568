/**
 * Random sets of events in random threads, for the arrival-order property: the rules of README "How it
 * measures" exercised together (reply links, explicit ids, resolves, automated messages, returns after W).
 */
import fc from "fast-check";
import { FUZZ_NOW, token } from "./arbitraries.js";

const DAY = 86_400_000;
const BRANDS = ["AcmeHelp", "ZedCare"] as const;
const MINUTE = 60_000;

/** One step of a generated thread: what happens, how long after the previous step, how it links. */
const threadStep = fc.record({
  gapMinutes: fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 300 }), weight: 6 },
    { arbitrary: fc.integer({ min: 72 * 60 - 1, max: 100 * 60 }), weight: 2 },
  ),
  kind: fc.constantFrom(
    "inbound",
    "inbound",
    "outbound",
    "outbound",
    "auto-in",
    "auto-out",
    "resolve",
    "reopen",
  ),
  link: fc.constantFrom("reply", "reply", "links", "conversation", "none"),
  parent: fc.nat(),
  numericId: fc.boolean(),
  mention: fc.constantFrom(null, "AcmeHelp", "zedcare", "Someone"),
  account: fc.constantFrom(null, null, "AcmeHelp", "ZedCare", "Other"),
});

const threadSpec = fc.record({
  source: fc.constantFrom("api", "x"),
  brand: fc.constantFrom(...BRANDS),
  customer: token,
  startMinutes: fc.integer({ min: 0, max: 14 * 24 * 60 }),
  steps: fc.array(threadStep, { minLength: 1, maxLength: 8 }),
});

/**
 * Sets of events in random threads: replies, `links`, explicit conversation ids, resolves and reopens,
 * automated messages, customers coming back after more than 72 h, ties in time, numeric and string ids.
 * In the order generated; the arrival-order property shuffles and repeats them.
 */
export const threadedEvents: fc.Arbitrary<Record<string, unknown>[]> = fc
  .array(threadSpec, { minLength: 1, maxLength: 5 })
  .map((threads) => {
    let counter = 0;
    const events: Record<string, unknown>[] = [];
    const base = FUZZ_NOW - 20 * DAY;
    threads.forEach((thread, t) => {
      let at = base + thread.startMinutes * MINUTE;
      const ids: string[] = [];
      thread.steps.forEach((step, s) => {
        at += s === 0 ? 0 : step.gapMinutes * MINUTE;
        const n = ++counter;
        const id = step.numericId ? String(n) : `m${n}`;
        const kind = s === 0 ? "inbound" : step.kind;
        const parent = ids.length > 0 ? ids[step.parent % ids.length] : undefined;
        const link = s === 0 ? "none" : step.link;
        const threadLink =
          link === "reply" && parent
            ? { in_reply_to: parent }
            : link === "links" && parent
              ? { links: [parent] }
              : link === "conversation"
                ? { conversation: `c${t}` }
                : {};
        const common = { id: step.numericId ? n : id, source: thread.source, at: new Date(at).toISOString() };
        if (kind === "resolve" || kind === "reopen") {
          const target = parent ? { in_reply_to: parent } : { conversation: `c${t}` };
          events.push({
            ...common,
            type: kind,
            ...(link === "conversation" ? { conversation: `c${t}` } : target),
          });
          return;
        }
        const inbound = kind === "inbound" || kind === "auto-in";
        events.push({
          ...common,
          direction: inbound ? "inbound" : "outbound",
          author: inbound ? thread.customer : thread.brand,
          automated: kind.startsWith("auto"),
          text: inbound && step.mention ? `@${step.mention} help please` : "thanks",
          ...(step.account ? { account: step.account } : {}),
          ...threadLink,
        });
        ids.push(id);
      });
    });
    return events;
  });
