/**
 * A realistic, seeded demo dataset: several brands on several sources over the last few days, with a
 * live queue around `now` (fresh, at-risk and breaching conversations) so that a newcomer sees numbers
 * and an open queue at once. Pure: no I/O, no clock; the caller passes `now`.
 *
 * The parts: `brands.ts` and `templates.ts` (who writes what), `context.ts` (run state and threads),
 * `messages.ts` (one message event), `conversation.ts` (one conversation), `sampling.ts` and
 * `background.ts` (random history), `scenarios.ts` (the guaranteed live queue per brand).
 */
import type { SlaEvent } from "../domain/event.js";
import { generateBackground } from "./background.js";
import { BRANDS } from "./brands.js";
import type { Context } from "./context.js";
import { createRandom } from "./random.js";
import { generateLiveScenarios } from "./scenarios.js";
import { DAY } from "./time.js";

/** Options of {@link generateDemoEvents}. */
export interface DemoOptions {
  /** The current time (epoch ms): every event is at or before it, and the live queue is built around it. */
  now: number;
  /** The same seed and `now` always give the same events. Default 1. */
  seed?: number;
  /** Days of history to generate. Default 14. */
  days?: number;
}

/** The sources the demo data uses. */
export const DEMO_SOURCES: readonly string[] = ["x", "instagram", "email", "api"];

/** The brand handles the demo data uses. */
export const DEMO_BRAND_HANDLES: readonly string[] = BRANDS.map((brand) => brand.handle);

/**
 * Generates the demo dataset: every event is at or before `now`, ids are unique per source and every
 * `inReplyTo` points at an earlier message of the same source. Events are returned sorted by time.
 */
export function generateDemoEvents(options: DemoOptions): SlaEvent[] {
  const { now } = options;
  const days = options.days ?? 14;
  const ctx: Context = { rng: createRandom(options.seed ?? 1), now, events: [], counters: new Map() };
  for (const brand of BRANDS) {
    generateBackground(ctx, brand, now - days * DAY);
    generateLiveScenarios(ctx, brand, days);
  }
  // Stable sort: messages at the same millisecond keep their causal order.
  return ctx.events.sort((a, b) => a.at - b.at);
}
