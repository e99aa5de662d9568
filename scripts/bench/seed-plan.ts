/**
 * What the seeded databases of the `status`, `scan` and `metrics` benchmarks hold: six months of generated
 * support traffic (scripts/support-threads.ts) up to a fixed moment, `SEED_NOW`, as the service would
 * have stored it by then. Replies not yet written at that moment are left out, so the open queue is what
 * it would be: conversations waiting for their first answer, and a backlog no one ever answered.
 */
const DAY = 86_400_000;

/** Conversations in the seeded history at scale 1 (`status`, `metrics`, and `scan`'s long history). */
export const SEEDED_CONVERSATIONS = 1_000_000;
/** The snapshot's moment: fixed, so the data is the same on every run; long past, so no alert is live. */
export const SEED_NOW = Date.UTC(2026, 0, 1);
/** Six months of history before it. */
export const SEED_DAYS = 182;
export const SEED_FROM = SEED_NOW - SEED_DAYS * DAY;
/**
 * Mean share of first messages no one ever answers: with the ones still waiting at `SEED_NOW`, about 1%
 * of the conversations are open (10k of 1M).
 */
export const SEED_UNANSWERED = 0.008;
/** Conversations per generated thread (some customers come back after the window): sizes the rate. */
export const CONVERSATIONS_PER_THREAD = 1.055;

/** What the seed child reports, and what is kept beside a cached database. */
export interface SeedReport {
  threads: number;
  messages: number;
  conversations: number;
  /** Conversations without a first response and not resolved, at `SEED_NOW`. */
  open: number;
  seconds: number;
  maxRssKb: number;
}
