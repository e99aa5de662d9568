import { describe, expect, it } from "vitest";
import { DEMO_BRAND_HANDLES, DEMO_SOURCES, generateDemoEvents } from "../../src/demo/demo-events.js";
import type { MessageEvent, SlaEvent } from "../../src/domain/event.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 5, 2, 14, 30, 0);

interface Conversation {
  account: string;
  start: number;
  firstResponse: number | null;
  ackedBeforeResponse: boolean;
  returning: boolean;
}

const isMessage = (event: SlaEvent): event is MessageEvent => event.type === "message";
const keyOf = (source: string, id: string): string => `${source}\u0000${id}`;

/**
 * Rebuilds conversations from message timings alone (the metric code is not used here on purpose):
 * threads follow `inReplyTo` to their root; a customer message more than 72 h after the thread's
 * previous message starts a new conversation; the first non-automated outbound message answers it.
 */
function conversationsOf(events: SlaEvent[]): Conversation[] {
  const messages = new Map(events.filter(isMessage).map((m) => [keyOf(m.source, m.id), m]));
  const threads = new Map<string, MessageEvent[]>();
  for (const message of messages.values()) {
    let root = message;
    for (let parent = root; parent.inReplyTo !== null; root = parent) {
      const next = messages.get(keyOf(parent.source, parent.inReplyTo));
      if (!next) break;
      parent = next;
    }
    const key = keyOf(root.source, root.id);
    threads.set(key, [...(threads.get(key) ?? []), message]);
  }
  const conversations: Conversation[] = [];
  for (const thread of threads.values()) {
    thread.sort((a, b) => a.at - b.at);
    let current: Conversation | null = null;
    let previousAt = Number.NEGATIVE_INFINITY;
    for (const message of thread) {
      if (message.direction === "inbound" && (current === null || message.at - previousAt > 72 * HOUR)) {
        const returning: boolean = current !== null;
        current = {
          account: message.account ?? "",
          start: message.at,
          firstResponse: null,
          ackedBeforeResponse: false,
          returning,
        };
        conversations.push(current);
      } else if (current && message.direction === "outbound" && current.firstResponse === null) {
        if (message.automated) current.ackedBeforeResponse = true;
        else current.firstResponse = message.at;
        current.account = message.account ?? current.account;
      }
      previousAt = message.at;
    }
  }
  return conversations;
}

function categories(events: SlaEvent[], now: number) {
  const conversations = conversationsOf(events);
  const open = conversations.filter((c) => c.firstResponse === null).map((c) => now - c.start);
  const answered = conversations.flatMap((c) =>
    c.firstResponse === null ? [] : [c.firstResponse - c.start],
  );
  return {
    total: conversations.length,
    inTime: answered.filter((ttfr) => ttfr <= 2 * HOUR).length,
    late: answered.filter((ttfr) => ttfr > 2 * HOUR).length,
    breaching: open.filter((age) => age > 2 * HOUR).length,
    atRisk: open.filter((age) => age >= 90 * MINUTE && age <= 2 * HOUR).length,
    fresh: open.filter((age) => age < 30 * MINUTE).length,
    returning: conversations.filter((c) => c.returning).length,
    acked: conversations.filter((c) => c.ackedBeforeResponse && c.firstResponse !== null).length,
    conversations,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe("generateDemoEvents", () => {
  const events = generateDemoEvents({ now: NOW });

  it("is deterministic for a seed and varies with it", () => {
    expect(generateDemoEvents({ now: NOW })).toEqual(events);
    expect(generateDemoEvents({ now: NOW, seed: 1, days: 14 })).toEqual(events);
    expect(generateDemoEvents({ now: NOW, seed: 2 })).not.toEqual(events);
  });

  it("has a few hundred to ~2000 events, sorted, all inside the period and not after now", () => {
    expect(events.length).toBeGreaterThan(300);
    expect(events.length).toBeLessThanOrEqual(2000);
    for (const [index, event] of events.entries()) {
      expect(event.at).toBeLessThanOrEqual(NOW);
      expect(event.at).toBeGreaterThanOrEqual(NOW - 14 * DAY);
      expect(Number.isInteger(event.at)).toBe(true);
      expect(event.at).toBeGreaterThanOrEqual(events[index - 1]?.at ?? event.at);
    }
  });

  it("uses unique ids per source", () => {
    const keys = events.map((event) => keyOf(event.source, event.id));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("links replies, resolutions and response lists to earlier messages of the same source", () => {
    const messages = new Map(events.filter(isMessage).map((m) => [keyOf(m.source, m.id), m]));
    for (const event of events) {
      if (event.inReplyTo === null) continue;
      const target = messages.get(keyOf(event.source, event.inReplyTo));
      expect(target, `${event.source} ${event.id} -> ${event.inReplyTo}`).toBeDefined();
      expect(target?.at ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(event.at);
    }
    for (const message of messages.values()) {
      for (const link of message.links) expect(messages.has(keyOf(message.source, link))).toBe(true);
    }
  });

  it("covers every brand and source, with attribution possible for each inbound message", () => {
    const messages = events.filter(isMessage);
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(DEMO_SOURCES));
    expect(new Set(messages.filter((m) => m.direction === "outbound").map((m) => m.account))).toEqual(
      new Set(DEMO_BRAND_HANDLES),
    );
    const inbound = messages.filter((m) => m.direction === "inbound");
    const unattributed = inbound.filter((m) => m.account === null);
    expect(unattributed.length).toBeGreaterThan(0);
    expect(unattributed.length).toBeLessThan(inbound.length);
    for (const message of unattributed) {
      expect(DEMO_BRAND_HANDLES.some((handle) => message.text?.includes(`@${handle}`))).toBe(true);
    }
    for (const message of messages.filter((m) => m.direction === "outbound")) {
      expect(message.account).not.toBeNull();
      expect(message.author.length).toBeGreaterThan(0);
    }
  });

  it("contains every queue and SLA category by construction", () => {
    const found = categories(events, NOW);
    expect(found.inTime).toBeGreaterThan(0);
    expect(found.late).toBeGreaterThan(0);
    expect(found.breaching).toBeGreaterThan(0);
    expect(found.atRisk).toBeGreaterThan(0);
    expect(found.fresh).toBeGreaterThan(0);
    expect(found.returning).toBeGreaterThan(0);
    expect(found.acked).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "resolve").length).toBeGreaterThan(0);
    expect(events.filter((e) => isMessage(e) && e.automated && e.direction === "inbound")).toEqual([]);
  });

  it("keeps the live queue for other seeds and shorter periods", () => {
    for (const [seed, days] of [
      [2, 14],
      [3, 7],
      [99, 5],
    ] as const) {
      const other = generateDemoEvents({ now: NOW, seed, days });
      const found = categories(other, NOW);
      expect(found.breaching * found.atRisk * found.fresh * found.inTime * found.late).toBeGreaterThan(0);
      expect(found.returning).toBeGreaterThan(0);
      expect(other.every((e) => e.at <= NOW && e.at >= NOW - days * DAY)).toBe(true);
    }
  });

  it("gives brands different answer speeds", () => {
    const { conversations } = categories(events, NOW);
    const ttfr = (account: string) =>
      median(
        conversations.flatMap((c) =>
          c.account === account && c.firstResponse !== null ? [c.firstResponse - c.start] : [],
        ),
      );
    expect(ttfr("AcmeHelp")).toBeLessThan(ttfr("ParcelPalSupport"));
  });
});
