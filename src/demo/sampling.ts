/** Random plans for background conversations: when they start, how fast and whether the brand answers. */
import type { DemoBrand } from "./brands.js";
import type { Context, Thread } from "./context.js";
import type { ConversationPlan } from "./conversation.js";
import type { Random } from "./random.js";
import { DAY, HOUR, MINUTE, NEW_CONVERSATION_GAP } from "./time.js";

/** Customers write more during the (UTC) day than at night. */
export function sampleStart(rng: Random, from: number, to: number): number {
  let at = rng.between(from, to);
  for (let tries = 0; tries < 20; tries++) {
    const hour = new Date(at).getUTCHours();
    const daytime = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 18));
    if (rng.chance(0.25 + 0.75 * daytime)) return at;
    at = rng.between(from, to);
  }
  return at;
}

export function samplePlan(
  ctx: Context,
  brand: DemoBrand,
  source: string,
  start: number,
  returning: boolean,
): ConversationPlan {
  const { rng } = ctx;
  const answerDelay = rng.chance(brand.answerRate) ? sampleAnswerDelay(rng, brand, start) : null;
  const touches = rng.pick([0, 0, 0, 0, 1, 1, 1, 2, 2, 3]);
  const nudgeDelay = rng.chance(answerDelay === null ? 0.35 : 0.15)
    ? rng.between(20 * MINUTE, 6 * HOUR)
    : null;
  return {
    start,
    answerDelay,
    // Not every message triggers the auto-reply (rules by queue, working hours, repeat senders).
    autoAck: brand.autoAckSources.includes(source) && rng.chance(0.4),
    nudgeDelay,
    touches,
    thanks: rng.chance(0.4),
    resolve: answerDelay !== null && rng.chance(0.12),
    returning,
  };
}

/** Log-normal answer delays, pushed to the next opening time for teams with business hours. */
function sampleAnswerDelay(rng: Random, brand: DemoBrand, start: number): number {
  const delay = Math.max(2 * MINUTE, rng.logNormal(brand.medianAnswerMinutes * MINUTE, brand.sigma));
  const answerAt = start + delay;
  if (!brand.hours) return delay;
  const hour = new Date(answerAt).getUTCHours();
  if (hour >= brand.hours.open && hour < brand.hours.close) return delay;
  const dayStart = answerAt - (answerAt % DAY);
  const opening = dayStart + brand.hours.open * HOUR + (hour >= brand.hours.close ? DAY : 0);
  return opening + rng.exponential(40 * MINUTE) - start;
}

/** Some customers come back to the same thread after more than 72 h: a new conversation. */
export function sampleReturn(ctx: Context, thread: Thread): ConversationPlan | null {
  const last = thread.messages.at(-1);
  if (!last || !ctx.rng.chance(0.08)) return null;
  const start = last.at + NEW_CONVERSATION_GAP + ctx.rng.between(2 * HOUR, 5 * DAY);
  return samplePlan(ctx, thread.brand, thread.source, start, true);
}
