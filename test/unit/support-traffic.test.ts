import { describe, expect, it } from "vitest";
import { apiEventOf, messageEventOf, ndjsonEvents } from "../../scripts/ndjson-events.js";
import {
  type GeneratedThread,
  NEW_CONVERSATION_GAP,
  type SupportThreadsOptions,
  supportThreads,
} from "../../scripts/support-threads.js";
import { csvLine, TWCS_COLUMNS, twcsRow, twcsRows } from "../../scripts/twcs-rows.js";
import { parseApiEvent } from "../../src/ingest/api-event.js";
import { createTwcsMapper } from "../../src/ingest/twcs.js";

const DAY = 86_400_000;

const csvText = (options: Parameters<typeof twcsRows>[0]) =>
  Array.from(twcsRows(options), (row) => `${csvLine(row)}\n`).join("");
const ndjsonText = (options: Parameters<typeof ndjsonEvents>[0]) =>
  Array.from(ndjsonEvents(options), (event) => `${JSON.stringify(event)}\n`).join("");

function threads(count: number, options: SupportThreadsOptions = {}): GeneratedThread[] {
  const out: GeneratedThread[] = [];
  for (const thread of supportThreads(options)) {
    out.push(thread);
    if (out.length === count) break;
  }
  return out;
}

/** Share of threads whose first message never got an answer from the brand. */
function unansweredShare(list: readonly GeneratedThread[]): number {
  const unanswered = list.filter((thread) => {
    const root = thread.tweets.find((tweet) => tweet.parent === null);
    return !root?.replies.some((reply) => !reply.inbound);
  });
  return unanswered.length / list.length;
}

/** The median delay of the brand's first answer to a thread's first message. */
function medianFirstAnswer(list: readonly GeneratedThread[]): number {
  const delays = list.flatMap((thread) => {
    const root = thread.tweets.find((tweet) => tweet.parent === null);
    const answer = root?.replies.find((reply) => !reply.inbound);
    return root && answer ? [answer.at - root.at] : [];
  });
  delays.sort((a, b) => a - b);
  return delays[Math.floor(delays.length / 2)] ?? Number.NaN;
}

describe("generated support traffic", () => {
  const knobs = { threadsPerDay: 500, unanswered: 0.05, returning: 0.2, answerDelay: 2, followUps: 1.5 };

  it("gives the same bytes for the same seed and options, in both formats", () => {
    for (const options of [
      { rows: 2000, seed: 3 },
      { rows: 2000, seed: 3, ...knobs },
    ]) {
      expect(csvText(options)).toBe(csvText(options));
      expect(ndjsonText(options)).toBe(ndjsonText(options));
      expect(csvText({ ...options, seed: 4 })).not.toBe(csvText(options));
      expect(ndjsonText({ ...options, seed: 4 })).not.toBe(ndjsonText(options));
    }
  });

  it("writes the same messages as NDJSON events and as twcs rows", () => {
    const map = createTwcsMapper([...TWCS_COLUMNS]);
    let compared = 0;
    for (const thread of threads(800, { seed: 5, ...knobs })) {
      for (const tweet of thread.tweets) {
        const fromCsv = map(twcsRow(tweet));
        const fromNdjson = parseApiEvent(JSON.parse(JSON.stringify(apiEventOf(tweet))));
        expect(fromCsv.ok && fromNdjson.ok).toBe(true);
        if (!fromCsv.ok || !fromNdjson.ok) continue;
        expect(fromNdjson.event).toEqual(fromCsv.event);
        expect(messageEventOf(tweet)).toEqual(fromCsv.event);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it("yields as many NDJSON events as twcs rows, in the same order", () => {
    const options = { rows: 777, seed: 9 };
    const ids = Array.from(ndjsonEvents(options), (event) => event.id);
    const rowIds = Array.from(twcsRows(options), (row) => row[0]).slice(1);
    expect(ids).toEqual(rowIds);
  });

  it("leaves about the asked share of first messages unanswered, brands differing around it", () => {
    const list = threads(20_000, { seed: 2, unanswered: 0.1 });
    expect(unansweredShare(list)).toBeGreaterThan(0.07);
    expect(unansweredShare(list)).toBeLessThan(0.13);
    expect(unansweredShare(threads(5000, { seed: 2, unanswered: 0 }))).toBe(0);
    // By default each brand has its own rate, far from 0.
    expect(unansweredShare(threads(5000, { seed: 2 }))).toBeGreaterThan(0.1);
  });

  it("brings customers back after the window as often as asked, as a second conversation", () => {
    const gaps = (list: readonly GeneratedThread[]) =>
      list.flatMap((thread) =>
        thread.tweets.filter((tweet) => tweet.parent && tweet.at - tweet.parent.at > NEW_CONVERSATION_GAP),
      ).length;
    const none = threads(5000, { seed: 3, returning: 0 });
    expect(gaps(none)).toBe(0);
    expect(none.every((thread) => thread.conversations === 1)).toBe(true);
    const half = threads(5000, { seed: 3, returning: 0.5 });
    const returned = half.filter((thread) => thread.conversations === 2).length;
    expect(returned).toBe(gaps(half));
    expect(returned / half.length).toBeGreaterThan(0.35);
  });

  it("spreads threads over time at the asked rate", () => {
    const start = Date.UTC(2025, 0, 1);
    const list = threads(3000, { seed: 4, start, threadsPerDay: 100 });
    const days = ((list.at(-1)?.startedAt ?? start) - start) / DAY;
    expect(days).toBeGreaterThan(27);
    expect(days).toBeLessThan(33);
  });

  it("slows every brand's answers down by the asked factor", () => {
    const normal = medianFirstAnswer(threads(8000, { seed: 6 }));
    const slow = medianFirstAnswer(threads(8000, { seed: 6, answerDelay: 3 }));
    expect(slow / normal).toBeGreaterThan(2.4);
    expect(slow / normal).toBeLessThan(3.6);
  });

  it("refuses knobs out of range", () => {
    expect(() => threads(1, { unanswered: 1.5 })).toThrow(RangeError);
    expect(() => threads(1, { returning: -0.1 })).toThrow(RangeError);
    expect(() => threads(1, { threadsPerDay: 0 })).toThrow(RangeError);
    expect(() => threads(1, { answerDelay: Number.NaN })).toThrow(RangeError);
  });
});
