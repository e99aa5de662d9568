/** Playing one planned conversation into a thread: opener, auto-acknowledgement, nudge, answers, thanks. */
import type { MessageEvent, ThreadActionEvent } from "../domain/event.js";
import { type Context, nextNumber, type Thread } from "./context.js";
import { fill, say } from "./messages.js";
import { ACKS, AGENT_FOLLOW_UPS, FOLLOW_UPS, NUDGES, RETURNS, THANKS } from "./templates.js";
import { DAY, HOUR, MINUTE, toSeconds } from "./time.js";
import { topicOf } from "./topics.js";

/** What happens in one conversation of a thread; times are relative to its start. */
export interface ConversationPlan {
  start: number;
  /** Delay of the first human answer; null when the brand never answers. */
  answerDelay: number | null;
  autoAck: boolean;
  /** The customer writes again before being answered. */
  nudgeDelay: number | null;
  /** Further question/answer rounds after the first answer. */
  touches: number;
  thanks: boolean;
  resolve: boolean;
  returning: boolean;
}

/** Plays one conversation into the thread, stopping at the first step that would be after `now`. */
export function runConversation(ctx: Context, thread: Thread, plan: ConversationPlan): void {
  const { rng } = ctx;
  const { brand } = thread;
  const agent = rng.pick(brand.agents);
  const openerText = fill(rng.pick(brand.openers), thread);
  const text = plan.returning ? fill(rng.pick(RETURNS), thread).replace("{opener}", openerText) : openerText;
  const opener = say(ctx, thread, {
    direction: "inbound",
    at: plan.start,
    text,
    replyTo: thread.messages.at(-1) ?? null,
    ...topicOf(thread.source, openerText),
  });
  if (!opener) return;
  if (plan.autoAck) {
    const ack = fill(rng.pick(ACKS), thread);
    const at = plan.start + rng.between(3_000, 60_000);
    if (!say(ctx, thread, { direction: "outbound", at, text: ack, replyTo: opener, automated: true })) return;
  }
  const answerAt = plan.answerDelay === null ? Number.POSITIVE_INFINITY : plan.start + plan.answerDelay;
  let lastInbound = opener;
  if (plan.nudgeDelay !== null && plan.start + plan.nudgeDelay < answerAt) {
    const nudge = say(ctx, thread, {
      direction: "inbound",
      at: plan.start + plan.nudgeDelay,
      text: rng.pick(NUDGES),
      replyTo: opener,
    });
    if (!nudge) return;
    lastInbound = nudge;
  }
  if (plan.answerDelay === null) return;
  const answerText = fill(rng.pick(brand.answers), thread);
  let lastOutbound = say(ctx, thread, {
    direction: "outbound",
    at: answerAt,
    text: answerText,
    replyTo: lastInbound,
    agent,
  });
  if (!lastOutbound) return;
  for (let touch = 0; touch < plan.touches; touch++) {
    lastOutbound = runTouch(ctx, thread, lastOutbound, agent);
    if (!lastOutbound) return;
  }
  if (plan.thanks) {
    const thanksAt = lastOutbound.at + Math.min(rng.exponential(30 * MINUTE) + MINUTE, 12 * HOUR);
    if (
      !say(ctx, thread, { direction: "inbound", at: thanksAt, text: rng.pick(THANKS), replyTo: lastOutbound })
    )
      return;
  }
  if (plan.resolve) resolve(ctx, thread, agent);
}

/** A customer follow-up question and the brand's answer to it. */
function runTouch(ctx: Context, thread: Thread, previous: MessageEvent, agent: string): MessageEvent | null {
  const { rng } = ctx;
  // Follow-ups stay well under 72 h so they belong to the same conversation.
  const askedAt = previous.at + Math.min(rng.exponential(45 * MINUTE) + MINUTE, 20 * HOUR);
  const question = say(ctx, thread, {
    direction: "inbound",
    at: askedAt,
    text: rng.pick(FOLLOW_UPS),
    replyTo: previous,
  });
  if (!question) return null;
  const delay = Math.min(
    Math.max(MINUTE, rng.logNormal(thread.brand.medianAnswerMinutes * 0.6 * MINUTE, 0.7)),
    DAY,
  );
  const text = fill(rng.pick(AGENT_FOLLOW_UPS), thread);
  return say(ctx, thread, { direction: "outbound", at: askedAt + delay, text, replyTo: question, agent });
}

function resolve(ctx: Context, thread: Thread, agent: string): void {
  const last = thread.messages.at(-1);
  if (!last) return;
  const at = toSeconds(last.at + ctx.rng.between(2 * MINUTE, 60 * MINUTE));
  if (at > ctx.now) return;
  const action: ThreadActionEvent = {
    type: "resolve",
    source: thread.source,
    id: `act-${nextNumber(ctx, thread.source)}`,
    at,
    author: agent,
    inReplyTo: last.id,
    conversation: thread.conversation,
  };
  ctx.events.push(action);
}
