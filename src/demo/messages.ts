/** Turning one step of a conversation into a message event shaped like the source's own messages. */
import type { Direction, MessageEvent } from "../domain/event.js";
import type { DemoBrand } from "./brands.js";
import { type Context, nextNumber, type Thread } from "./context.js";
import type { Random } from "./random.js";
import { toSeconds } from "./time.js";

/** One message to add to a thread; `agent` is unset for messages the brand account sends itself. */
export interface Step {
  direction: Direction;
  at: number;
  text: string;
  replyTo: MessageEvent | null;
  agent?: string;
  automated?: boolean;
  /** A ticket's tags and priority (see `topicOf`). */
  tags?: string[];
  priority?: string;
}

/**
 * Adds a message to the thread, or closes the thread when `at` is after `now` (it has not happened yet).
 * Outbound messages on x are signed by the brand handle; other sources show the agent's name.
 */
export function say(ctx: Context, thread: Thread, step: Step): MessageEvent | null {
  const { direction, at, text, replyTo, agent, automated = false, tags, priority } = step;
  const time = toSeconds(at);
  if (!thread.open || time > ctx.now) {
    thread.open = false;
    return null;
  }
  const { brand, source, customer } = thread;
  const message: MessageEvent = {
    type: "message",
    source,
    id: messageId(source, nextNumber(ctx, source)),
    direction,
    author: direction === "inbound" ? customer.author : authorOf(source, brand, agent),
    at: time,
    account: direction === "outbound" ? brand.handle : inboundAccount(ctx.rng, source, brand),
    inReplyTo: replyTo?.id ?? null,
    links: [],
    conversation: thread.conversation,
    text: decorate(source, direction, text, thread, agent),
    automated,
    ...(tags ? { tags } : {}),
    ...(priority ? { priority } : {}),
  };
  // Like a tweet's list of responses: only x gives the ids of the replies to a message.
  if (replyTo && source === "x") replyTo.links.push(message.id);
  thread.messages.push(message);
  ctx.events.push(message);
  return message;
}

/** Fills a text template with the thread's customer name, product and order number. */
export function fill(template: string, thread: Thread): string {
  return template
    .replaceAll("{name}", thread.customer.firstName)
    .replaceAll("{product}", thread.brand.product)
    .replaceAll("{order}", thread.order);
}

function authorOf(source: string, brand: DemoBrand, agent: string | undefined): string {
  return source === "x" || agent === undefined ? brand.handle : agent;
}

/** Mentions on x often arrive without the account they target: attribution must read the `@handle`. */
function inboundAccount(rng: Random, source: string, brand: DemoBrand): string | null {
  return source === "x" && rng.chance(0.6) ? null : brand.handle;
}

function decorate(
  source: string,
  direction: Direction,
  text: string,
  thread: Thread,
  agent: string | undefined,
): string {
  if (source !== "x") return text;
  if (direction === "inbound") return `@${thread.brand.handle} ${text}`;
  const initials = agent ? ` ^${agent.charAt(0)}${agent.split(" ")[1]?.charAt(0) ?? ""}` : "";
  return `@${thread.customer.author} ${text}${initials}`;
}

/** Id shapes loosely follow each source's own style; only uniqueness per source matters. */
function messageId(source: string, n: number): string {
  switch (source) {
    case "x":
      return String(1_580_000_000_000 + n * 7);
    case "instagram":
      return `ig_mid_${n.toString(36).padStart(6, "0")}`;
    case "email":
      return `<${n}.demo@mail.example.com>`;
    default:
      return `${source}-msg-${n}`;
  }
}
