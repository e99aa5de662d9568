/**
 * A seeded stream of API events for `POST /v1/events`, shaped like support traffic: customers open
 * threads with an inbound message mentioning a brand, brands reply to the latest message, customers
 * follow up. Every event has a new id, and replies point at ids sent earlier.
 */
import { createRandom, type Random } from "../../src/demo/random.js";

/** The JSON body of one posted event. */
export interface ApiEventBody {
  id: string;
  source: string;
  direction: "inbound" | "outbound";
  author: string;
  at: string;
  text: string;
  in_reply_to?: string;
  account?: string;
}

interface OpenThread {
  customer: string;
  brand: string;
  lastId: string;
  lastDirection: "inbound" | "outbound";
  /** Messages still to come in this thread. */
  remaining: number;
}

const BRANDS = ["AcmeHelp", "NimbusSupport", "ParcelPalCare", "Ask_BrightBank", "ZephyrService"];
const OPENINGS = [
  "my order hasn't arrived yet, what's going on?",
  "the app crashes every time I open it",
  "why was I charged twice this month?",
  "can't log in, it says account locked",
];
const REPLIES = [
  "Sorry to hear that! Can you DM us your order number?",
  "Thanks, we've passed this to the team.",
  "Could you try once more and tell us the exact error?",
];
const FOLLOW_UPS = ["DM sent", "still the same error", "thanks, that worked!"];
/** Threads kept open at once: replies land on threads spread over the last few hundred events. */
const OPEN_THREADS = 64;
const SECOND = 1000;
const START = Date.UTC(2026, 2, 2, 9, 0, 0);

/** Produces events one at a time; the same seed and prefix give the same sequence. */
export class EventFeed {
  private readonly rng: Random;
  private readonly open: OpenThread[] = [];
  private sent = 0;
  private customers = 0;

  /** `prefix` keeps ids unique across feeds posting to the same database. */
  constructor(
    private readonly prefix: string,
    seed = 1,
  ) {
    this.rng = createRandom(seed);
  }

  /** Events produced so far. */
  get count(): number {
    return this.sent;
  }

  next(): ApiEventBody {
    const n = this.sent++;
    const id = `${this.prefix}${n}`;
    // Event times move forward with the sequence, so a reply is never earlier than what it answers.
    const at = new Date(START + n * SECOND).toISOString();
    const thread = this.pickThread();
    if (!thread) return this.openThread(id, at);
    const inbound = thread.lastDirection === "outbound";
    const event: ApiEventBody = inbound
      ? {
          id,
          source: "api",
          direction: "inbound",
          author: thread.customer,
          at,
          text: `@${thread.brand} ${this.rng.pick(FOLLOW_UPS)}`,
          in_reply_to: thread.lastId,
        }
      : {
          id,
          source: "api",
          direction: "outbound",
          author: thread.brand,
          account: thread.brand,
          at,
          text: `@${thread.customer} ${this.rng.pick(REPLIES)}`,
          in_reply_to: thread.lastId,
        };
    thread.lastId = id;
    thread.lastDirection = event.direction;
    thread.remaining--;
    if (thread.remaining <= 0) this.open.splice(this.open.indexOf(thread), 1);
    return event;
  }

  /** A thread to continue, or null to open a new one (always while few threads are open). */
  private pickThread(): OpenThread | null {
    if (this.open.length < OPEN_THREADS / 2 || this.rng.chance(0.35)) return null;
    return this.rng.pick(this.open);
  }

  private openThread(id: string, at: string): ApiEventBody {
    const customer = `cust${++this.customers}`;
    const brand = this.rng.pick(BRANDS);
    if (this.open.length >= OPEN_THREADS) this.open.shift();
    this.open.push({
      customer,
      brand,
      lastId: id,
      lastDirection: "inbound",
      remaining: this.rng.int(1, 5),
    });
    return {
      id,
      source: "api",
      direction: "inbound",
      author: customer,
      at,
      text: `@${brand} ${this.rng.pick(OPENINGS)}`,
    };
  }
}
