/** Background conversations spread over the whole period, shaped by each brand's speed and answer rate. */
import type { DemoBrand } from "./brands.js";
import { type Context, newThread } from "./context.js";
import { type ConversationPlan, runConversation } from "./conversation.js";
import { samplePlan, sampleReturn, sampleStart } from "./sampling.js";
import { DAY } from "./time.js";

/** Conversations spread over the whole period, shaped by the brand's speed and answer rate. */
export function generateBackground(ctx: Context, brand: DemoBrand, from: number): void {
  const count = Math.round(((ctx.now - from) / DAY) * brand.conversationsPerDay);
  for (let i = 0; i < count; i++) {
    const source = ctx.rng.pick(brand.sources);
    const thread = newThread(ctx, brand, source);
    let plan: ConversationPlan | null = samplePlan(
      ctx,
      brand,
      source,
      sampleStart(ctx.rng, from, ctx.now),
      false,
    );
    while (plan && thread.open) {
      runConversation(ctx, thread, plan);
      plan = sampleReturn(ctx, thread);
    }
  }
}
