/**
 * A realistic, seeded demo dataset: several brands on several sources over the last few days, with a
 * live queue around `now` (fresh, at-risk and breaching conversations) so that a newcomer sees numbers
 * and an open queue at once. Pure: no I/O, no clock; the caller passes `now`.
 */
import type { Direction, MessageEvent, SlaEvent, ThreadActionEvent } from "../domain/event.js";
import { createRandom, type Random } from "./random.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A customer writing again after this gap starts a new conversation (design rule). */
const NEW_CONVERSATION_GAP = 72 * HOUR;

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

interface DemoBrand {
  handle: string;
  /** The name customers and auto-acknowledgements use. */
  product: string;
  sources: readonly string[];
  /** Median delay of the first human answer; brands differ so their numbers differ. */
  medianAnswerMinutes: number;
  sigma: number;
  answerRate: number;
  conversationsPerDay: number;
  /** Sources on which the brand sends an automated acknowledgement first. */
  autoAckSources: readonly string[];
  agents: readonly string[];
  /** UTC hours in which the team answers; undefined means around the clock. */
  hours?: { open: number; close: number };
  openers: readonly string[];
  answers: readonly string[];
}

const BRANDS: readonly DemoBrand[] = [
  {
    handle: "AcmeHelp",
    product: "Acme",
    sources: ["x", "email"],
    medianAnswerMinutes: 25,
    sigma: 0.8,
    answerRate: 0.95,
    conversationsPerDay: 7,
    autoAckSources: ["email"],
    agents: ["Maya R.", "Tom B.", "Priya S."],
    openers: [
      "my Acme Mini speaker won't connect to wifi since this morning's update",
      "ordered an Acme Book 14 two weeks ago, still no shipping confirmation. Order {order}",
      "the charger that came with my Acme Pad stopped working after 3 days",
      "how do I move my Acme account to a new email address?",
      "the Acme app keeps logging me out every few minutes",
    ],
    answers: [
      "Sorry about that, {name}! Could you hold the power button for 10 seconds and tell us what the light does?",
      "Thanks for reaching out. Order {order} ships tomorrow, the tracking link will come by email.",
      "That shouldn't happen. We'll send a replacement charger, can you confirm your address in DM?",
      "You can change it under Settings > Account > Email. Need a hand with any step?",
      "We know about a login bug in app version 4.2; a fix is rolling out today, updating should solve it.",
    ],
  },
  {
    handle: "NimbusCare",
    product: "Nimbus",
    sources: ["x", "instagram"],
    medianAnswerMinutes: 70,
    sigma: 0.9,
    answerRate: 0.85,
    conversationsPerDay: 6,
    autoAckSources: [],
    agents: ["Jordan P.", "Lena K."],
    openers: [
      "internet has been down in my area for 2 hours, is something going on?",
      "why did my bill go up by $15 this month?",
      "getting 12 Mbps on a 300 Mbps plan, what am I paying for?",
      "the technician never showed up for my appointment today",
      "my router reboots every evening around 9pm",
    ],
    answers: [
      "Sorry for the trouble! There's a local outage, our crew is on it and service should be back within the hour.",
      "Let's take a look, {name}. Your promo discount ended last cycle; I can check for a new offer.",
      "Sorry to hear that. Could you run a wired test at nimbus.example/speed and send us the result?",
      "I apologize, {name}. I've rebooked the visit for tomorrow 8-12, you'll get a confirmation text.",
      "Sounds like the router overheats. We can swap it, please DM us your account number.",
    ],
  },
  {
    handle: "ParcelPalSupport",
    product: "ParcelPal",
    sources: ["email", "api", "instagram"],
    medianAnswerMinutes: 150,
    sigma: 0.8,
    answerRate: 0.75,
    conversationsPerDay: 8,
    autoAckSources: ["email", "api"],
    agents: ["Sam O.", "Aisha M.", "Marco D."],
    hours: { open: 8, close: 20 },
    openers: [
      "parcel {order} says delivered but there's nothing at my door",
      "my package {order} has been stuck in transit for 5 days",
      "can I change the delivery address for {order}? I'm moving this week",
      "the driver left my parcel in the rain, everything is soaked",
      "I missed the delivery, where can I pick it up?",
    ],
    answers: [
      "Sorry, {name}! Parcels are sometimes marked delivered a bit early. If it's not there tonight we'll open a trace.",
      "I've checked {order}: it's at our regional hub and goes out for delivery tomorrow.",
      "Yes, we can redirect it. The address is updated, new ETA is 2 days.",
      "That's not okay, sorry. Send us a few photos and we'll start a damage claim for you.",
      "Your parcel is at the Main St pickup point until Friday, just bring an ID.",
    ],
  },
  {
    handle: "BrightBankHelp",
    product: "BrightBank",
    sources: ["x", "api", "email"],
    medianAnswerMinutes: 45,
    sigma: 1.1,
    answerRate: 0.9,
    conversationsPerDay: 5,
    autoAckSources: ["api"],
    agents: ["Olivia N.", "Kenji T."],
    openers: [
      "my card was declined twice today but there's money in the account",
      "there's a payment on my statement I don't recognise",
      "the app won't let me log in after the update, it says 'device not trusted'",
      "how long does a transfer to another bank take?",
      "I lost my card, how do I block it?",
    ],
    answers: [
      "Sorry for the hassle, {name}. Please don't post card details here; we'll DM you a secure link to check it.",
      "Thanks for telling us. I've flagged the payment; you can also freeze the card in the app under Cards.",
      "Please reinstall the app and sign in again, then approve the new device from the SMS we send.",
      "Transfers usually arrive the same business day, at most 2 business days.",
      "You can block it right away in the app under Cards > Lost or stolen. A new card arrives in 3-5 days.",
    ],
  },
];

/** The brand handles the demo data uses. */
export const DEMO_BRAND_HANDLES: readonly string[] = BRANDS.map((brand) => brand.handle);

const NUDGES = [
  "Hello? Anyone there?",
  "Still waiting for a reply...",
  "any update on this?",
  "It's been a while, can someone help please?",
];
const FOLLOW_UPS = [
  "Tried that, still the same problem.",
  "Thanks. How long will that take?",
  "Done, just sent it.",
  "ok, and what if that doesn't work?",
  "That's what the last person said too...",
];
const AGENT_FOLLOW_UPS = [
  "Thanks, {name}, got it. I've escalated this to our specialists, they'll reach out within 24h.",
  "Understood. I've added a note to your case and will follow up tomorrow.",
  "Thanks for checking! In that case we'll arrange a replacement.",
  "That usually takes 1-2 business days, we'll keep you posted.",
];
const THANKS = [
  "Thanks, that fixed it!",
  "Great, thanks for the quick help 🙏",
  "perfect, all sorted now",
  "ok thanks",
];
const RETURNS = [
  "Hi again, the same problem is back.",
  "Me again: still not sorted from last week.",
  "Hey, different issue this time: {opener}",
];
const ACKS = [
  "Thanks for contacting {product}! We've received your message and will reply as soon as we can.",
  "We got your request. Our team usually replies within a few hours.",
];
const FIRST_NAMES = [
  "Maria",
  "James",
  "Aiko",
  "Lucas",
  "Fatima",
  "Noah",
  "Chloe",
  "Mateo",
  "Zoe",
  "Omar",
  "Hannah",
  "Ravi",
  "Elena",
  "Kwame",
  "Sofia",
  "Liam",
  "Ines",
  "Yusuf",
  "Grace",
  "Tariq",
];
const LAST_NAMES = [
  "Garcia",
  "Okafor",
  "Tanaka",
  "Novak",
  "Smith",
  "Haddad",
  "Lindqvist",
  "Costa",
  "Brown",
  "Mensah",
  "Rossi",
  "Kowalski",
  "Nguyen",
  "Dubois",
  "Patel",
];

interface Customer {
  firstName: string;
  /** How the customer appears as `author` on the source. */
  author: string;
}

/** One thread: the messages of one customer with one brand on one source. */
interface Thread {
  brand: DemoBrand;
  source: string;
  customer: Customer;
  conversation: string | null;
  /** One order number per thread, so the customer and the agent quote the same one. */
  order: string;
  messages: MessageEvent[];
  /** False once a step fell after `now`: that step and everything after it has not happened yet. */
  open: boolean;
}

/** What happens in one conversation of a thread; times are relative to its start. */
interface ConversationPlan {
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

interface Context {
  rng: Random;
  now: number;
  events: SlaEvent[];
  counters: Map<string, number>;
}

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

/** Conversations spread over the whole period, shaped by the brand's speed and answer rate. */
function generateBackground(ctx: Context, brand: DemoBrand, from: number): void {
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

/**
 * Conversations placed relative to `now` so that every category is present whatever the seed:
 * breaching, at risk, fresh, answered in time, answered late, and a customer returning after 72 h.
 */
function generateLiveScenarios(ctx: Context, brand: DemoBrand, days: number): void {
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

function newThread(ctx: Context, brand: DemoBrand, source: string): Thread {
  const customer = newCustomer(ctx.rng, source);
  // Ticketing sources give an explicit thread id; social sources rely on reply links only.
  const conversation =
    source === "api"
      ? `ticket-${nextNumber(ctx, "api-ticket")}`
      : source === "instagram"
        ? `ig-thread-${nextNumber(ctx, "ig-thread")}`
        : null;
  const order = `${brand.product.slice(0, 2).toUpperCase()}${ctx.rng.int(100_000, 999_999)}`;
  return { brand, source, customer, conversation, order, messages: [], open: true };
}

function newCustomer(rng: Random, source: string): Customer {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const suffix = rng.int(1, 99);
  const authors: Record<string, string> = {
    x: `${firstName.toLowerCase()}_${lastName.charAt(0).toLowerCase()}${suffix}`,
    instagram: `${firstName.toLowerCase()}.${lastName.toLowerCase()}${suffix}`,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
  };
  return { firstName, author: authors[source] ?? `cust_${rng.int(10_000, 99_999)}` };
}

/** Customers write more during the (UTC) day than at night. */
function sampleStart(rng: Random, from: number, to: number): number {
  let at = rng.between(from, to);
  for (let tries = 0; tries < 20; tries++) {
    const hour = new Date(at).getUTCHours();
    const daytime = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 18));
    if (rng.chance(0.25 + 0.75 * daytime)) return at;
    at = rng.between(from, to);
  }
  return at;
}

function samplePlan(
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
function sampleReturn(ctx: Context, thread: Thread): ConversationPlan | null {
  const last = thread.messages.at(-1);
  if (!last || !ctx.rng.chance(0.08)) return null;
  const start = last.at + NEW_CONVERSATION_GAP + ctx.rng.between(2 * HOUR, 5 * DAY);
  return samplePlan(ctx, thread.brand, thread.source, start, true);
}

/** Plays one conversation into the thread, stopping at the first step that would be after `now`. */
function runConversation(ctx: Context, thread: Thread, plan: ConversationPlan): void {
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

/** One message to add to a thread; `agent` is unset for messages the brand account sends itself. */
interface Step {
  direction: Direction;
  at: number;
  text: string;
  replyTo: MessageEvent | null;
  agent?: string;
  automated?: boolean;
}

/**
 * Adds a message to the thread, or closes the thread when `at` is after `now` (it has not happened yet).
 * Outbound messages on x are signed by the brand handle; other sources show the agent's name.
 */
function say(ctx: Context, thread: Thread, step: Step): MessageEvent | null {
  const { direction, at, text, replyTo, agent, automated = false } = step;
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
  };
  // Like a tweet's list of responses: only x gives the ids of the replies to a message.
  if (replyTo && source === "x") replyTo.links.push(message.id);
  thread.messages.push(message);
  ctx.events.push(message);
  return message;
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

function fill(template: string, thread: Thread): string {
  return template
    .replaceAll("{name}", thread.customer.firstName)
    .replaceAll("{product}", thread.brand.product)
    .replaceAll("{order}", thread.order);
}

/** Sources report whole seconds. */
function toSeconds(at: number): number {
  return Math.round(at / 1000) * 1000;
}

function nextNumber(ctx: Context, key: string): number {
  const value = (ctx.counters.get(key) ?? 0) + 1;
  ctx.counters.set(key, value);
  return value;
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
