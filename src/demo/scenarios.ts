/** The live queue each brand always has around `now`, whatever the seed. */
import type { DemoBrand } from "./brands.js";
import { type Context, newThread } from "./context.js";
import { type ConversationPlan, runConversation } from "./conversation.js";
import { DAY, HOUR, MINUTE, NEW_CONVERSATION_GAP } from "./time.js";

/**
 * Conversations placed relative to `now` so that every category is present whatever the seed:
 * breaching, at risk, fresh, answered in time, answered late, and a customer returning after 72 h.
 */
export function generateLiveScenarios(ctx: Context, brand: DemoBrand, days: number): void {
  const { rng, now } = ctx;
  const base: Omit<ConversationPlan, "start" | "answerDelay"> = {
    autoAck: false,
    nudgeDelay: null,
    touches: 0,
    thanks: false,
    resolve: false,
    returning: false,
  };
  const scenarios: ConversationPlan[] = [
    { ...base, start: now - rng.between(2.25 * HOUR, 9 * HOUR), answerDelay: null },
    { ...base, start: now - rng.between(2.5 * HOUR, 6 * HOUR), answerDelay: null, nudgeDelay: 40 * MINUTE },
    { ...base, start: now - rng.between(92 * MINUTE, 118 * MINUTE), answerDelay: null, autoAck: true },
    { ...base, start: now - rng.between(2 * MINUTE, 28 * MINUTE), answerDelay: null },
    { ...base, start: now - rng.between(3 * HOUR, 6 * HOUR), answerDelay: rng.between(8, 100) * MINUTE },
    { ...base, start: now - rng.between(12 * HOUR, 30 * HOUR), answerDelay: rng.between(2.5, 8) * HOUR },
  ];
  scenarios.forEach((plan, index) => {
    const source = brand.sources[index % brand.sources.length] ?? "x";
    const autoAck = plan.autoAck && brand.autoAckSources.includes(source);
    runConversation(ctx, newThread(ctx, brand, source), { ...plan, autoAck });
  });
  generateReturningCustomer(ctx, brand, days, base);
}

/** An answered conversation, then the same customer again 3-4 days later in the same thread. */
function generateReturningCustomer(
  ctx: Context,
  brand: DemoBrand,
  days: number,
  base: Omit<ConversationPlan, "start" | "answerDelay">,
): void {
  const { rng, now } = ctx;
  const thread = newThread(ctx, brand, brand.sources[0] ?? "x");
  const start = now - Math.min(rng.between(6 * DAY, 8 * DAY), days * DAY * 0.9);
  runConversation(ctx, thread, { ...base, start, answerDelay: rng.between(15, 90) * MINUTE, thanks: true });
  const last = thread.messages.at(-1)?.at ?? start;
  const back = last + NEW_CONVERSATION_GAP + rng.between(6 * HOUR, 30 * HOUR);
  if (back < now - 3 * HOUR) {
    runConversation(ctx, thread, {
      ...base,
      start: back,
      answerDelay: rng.between(20, 110) * MINUTE,
      returning: true,
    });
  }
}
