/**
 * Seeded synthetic support traffic shaped like the "Customer Support on Twitter" (twcs) dataset, at any
 * size and with flat memory: customers mention a brand, brands answer at their own speed (or never),
 * customers follow up, thank, nudge, and sometimes come back after a silence longer than the 72 h window.
 * No I/O and no format: `twcs-rows.ts` writes these threads as CSV rows, `ndjson-events.ts` as API events.
 */
import { createRandom, type Random } from "../src/demo/random.js";
import {
  BRAND_STEMS,
  BRAND_STYLES,
  CLOSINGS,
  FIRST_REPLIES,
  FOLLOW_UPS,
  LATER_REPLIES,
  NUDGES,
  OPENINGS,
  RETURNING,
  SIGNATURES,
  THANKS,
} from "./support-texts.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A customer writing again after this gap starts a new conversation (design rule). */
export const NEW_CONVERSATION_GAP = 72 * HOUR;
/** Threads hold 1-8 tweets. */
const MAX_THREAD_TWEETS = 8;
/** About the busiest days of the real dataset: how fast the clock moves per thread by default. */
const THREADS_PER_DAY = 9_000;
/** Share of threads whose customer comes back after the window, by default. */
const RETURNING_SHARE = 0.06;
/** Brands answer a first message with a probability drawn from this range (by default). */
const ANSWER_RATE_RANGE = [0.55, 0.98] as const;
/** The mean share of unanswered first messages over that range, used to rescale it for `unanswered`. */
const MEAN_UNANSWERED = 1 - (ANSWER_RATE_RANGE[0] + ANSWER_RATE_RANGE[1]) / 2;

/** Knobs of the generated traffic; every default reproduces the generator's original output. */
export interface SupportThreadsOptions {
  /** Default 1. */
  seed?: number;
  /** Number of brand accounts. Default 20. */
  brands?: number;
  /** Time of the first thread, epoch ms. Default 2017-10-01T00:00:00Z. */
  start?: number;
  /** New threads per day on average: with a thread count, sets the time span. Default 9,000. */
  threadsPerDay?: number;
  /**
   * Mean share of first messages that no one ever answers (each brand differs around it). Default: each
   * brand's own rate, between 2% and 45%.
   */
  unanswered?: number;
  /** Share of threads whose customer comes back after more than 72 h (a new conversation). Default 0.06. */
  returning?: number;
  /** Multiplies every brand's answer times (2 = twice as slow). Default 1. */
  answerDelay?: number;
  /** Multiplies every brand's chance that a customer follows up after a reply (at most 0.95). Default 1. */
  followUps?: number;
}

/** One generated tweet; `id` follows the order tweets are written in, not time. */
export interface GeneratedTweet {
  id: number;
  author: string;
  inbound: boolean;
  at: number;
  text: string;
  parent: GeneratedTweet | null;
  replies: GeneratedTweet[];
}

/** One thread, its tweets in the order they are written (and numbered) in. */
export interface GeneratedThread {
  tweets: readonly GeneratedTweet[];
  /** The time of its first tweet. */
  startedAt: number;
  /** Conversations it holds under the 72 h rule: 2 when the customer came back after a silence. */
  conversations: number;
}

interface Brand {
  handle: string;
  /** Relative share of all threads: a few brands get most of the traffic, as in the dataset. */
  weight: number;
  answerRate: number;
  medianAnswer: number;
  sigma: number;
  /** Chance that the customer answers back after each brand reply. */
  followUpRate: number;
  signature: (initials: string) => string;
  agents: readonly string[];
}

interface GeneratorState {
  rng: Random;
  brands: readonly Brand[];
  cumulativeWeights: readonly number[];
  clock: number;
  meanGap: number;
  returning: number;
  nextTweetId: number;
  nextCustomerId: number;
  /** Recently seen customers, so some of them open another thread later. */
  recentCustomers: string[];
}

/**
 * Yields threads one after another, `rows` tweets in all (the last thread is cut to fit), or without end
 * when `rows` is not given. Ids are numbered in writing order: usually the crawl's (the latest tweet, then
 * up its reply chain, then the rest), sometimes time order. Every reply points at a tweet of its thread.
 */
export function* supportThreads(
  options: SupportThreadsOptions & { rows?: number },
): Generator<GeneratedThread, void, undefined> {
  const brandCount = options.brands ?? 20;
  if (!Number.isInteger(brandCount) || brandCount < 1)
    throw new RangeError("brands must be a positive integer");
  const rng = createRandom(options.seed ?? 1);
  const brands = makeBrands(rng, brandCount, options);
  const gen: GeneratorState = {
    rng,
    brands,
    cumulativeWeights: cumulative(brands.map((brand) => brand.weight)),
    clock: options.start ?? Date.UTC(2017, 9, 1),
    meanGap: DAY / positive("threadsPerDay", options.threadsPerDay ?? THREADS_PER_DAY),
    returning: share("returning", options.returning ?? RETURNING_SHARE),
    nextTweetId: 1,
    nextCustomerId: 100_001,
    recentCustomers: [],
  };
  const rows = options.rows ?? Number.POSITIVE_INFINITY;
  let written = 0;
  while (written < rows) {
    const built = makeThread(gen, Math.min(MAX_THREAD_TWEETS, rows - written));
    const tweets = writingOrder(rng, built.tweets);
    // Ids before rows: a row lists the ids of its replies, which may come later in the order.
    for (const tweet of tweets) tweet.id = gen.nextTweetId++;
    written += tweets.length;
    yield { tweets, startedAt: built.tweets[0]?.at ?? gen.clock, conversations: built.conversations };
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function share(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
  return value;
}

/** The order rows appear in: usually the crawl's, sometimes plain time order. */
function writingOrder(rng: Random, thread: GeneratedTweet[]): GeneratedTweet[] {
  if (rng.chance(0.3)) return thread;
  const ordered: GeneratedTweet[] = [];
  const seen = new Set<GeneratedTweet>();
  for (let tweet: GeneratedTweet | null = latest(thread); tweet; tweet = tweet.parent) {
    ordered.push(tweet);
    seen.add(tweet);
  }
  for (const tweet of thread) if (!seen.has(tweet)) ordered.push(tweet);
  return ordered;
}

function makeBrands(rng: Random, count: number, options: SupportThreadsOptions): Brand[] {
  const unanswered = options.unanswered === undefined ? null : share("unanswered", options.unanswered);
  const answerDelay = positive("answerDelay", options.answerDelay ?? 1);
  const followUps = options.followUps ?? 1;
  if (!(followUps >= 0)) throw new RangeError("followUps must be a number >= 0");
  const brands: Brand[] = [];
  for (let i = 0; i < count; i++) {
    const stem = BRAND_STEMS[i % BRAND_STEMS.length] ?? "Acme";
    const style = BRAND_STYLES[i % BRAND_STYLES.length];
    // Stem and style repeat together every 120 brands (40 and 6 share a factor 2): a number keeps handles unique.
    const round = Math.floor(i / 120);
    const handle = `${style?.(stem) ?? stem}${round > 0 ? round + 1 : ""}`;
    // The same draws whatever the knobs, so that a knob changes only what it is about.
    const drawnRate = rng.between(ANSWER_RATE_RANGE[0], ANSWER_RATE_RANGE[1]);
    brands.push({
      handle,
      weight: 1 / (i + 1) ** 0.8,
      // With `unanswered`, each brand's unanswered share keeps its place in the range, scaled to that mean.
      answerRate:
        unanswered === null ? drawnRate : Math.max(0, 1 - (unanswered * (1 - drawnRate)) / MEAN_UNANSWERED),
      medianAnswer: answerDelay * Math.min(12 * HOUR, Math.max(3 * MINUTE, rng.logNormal(40 * MINUTE, 1))),
      sigma: rng.between(0.6, 1.3),
      followUpRate: Math.min(0.95, followUps * rng.between(0.25, 0.6)),
      signature: rng.pick(SIGNATURES),
      agents: Array.from({ length: rng.int(2, 8) }, () => initials(rng)),
    });
  }
  return brands;
}

function initials(rng: Random): string {
  const letters = "ABCDEFGHIJKLMNOPRSTW";
  return Array.from({ length: rng.int(2, 3) }, () => letters.charAt(rng.int(0, letters.length - 1))).join("");
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => {
    sum += weight;
    return sum;
  });
}

function pickBrand(gen: GeneratorState): Brand {
  const total = gen.cumulativeWeights[gen.cumulativeWeights.length - 1] ?? 0;
  const target = gen.rng.next() * total;
  let low = 0;
  let high = gen.cumulativeWeights.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((gen.cumulativeWeights[mid] ?? 0) <= target) low = mid + 1;
    else high = mid;
  }
  const brand = gen.brands[low];
  if (!brand) throw new Error("supportThreads needs at least one brand");
  return brand;
}

/** Mostly new customers, with some regulars opening another thread. */
function pickCustomer(gen: GeneratorState): string {
  const { rng, recentCustomers } = gen;
  if (recentCustomers.length > 0 && rng.chance(0.05)) return rng.pick(recentCustomers);
  const customer = String(gen.nextCustomerId++);
  // A bounded ring keeps memory flat for any number of rows.
  if (recentCustomers.length < 1000) recentCustomers.push(customer);
  else recentCustomers[rng.int(0, recentCustomers.length - 1)] = customer;
  return customer;
}

/** What the steps of one thread share. */
interface ThreadBuilder {
  rng: Random;
  brand: Brand;
  customer: string;
  tweets: GeneratedTweet[];
  maxTweets: number;
}

/** One thread: the customer's tweet, the brand's answers, follow-ups, maybe a return after 72 h. */
function makeThread(
  gen: GeneratorState,
  maxTweets: number,
): { tweets: GeneratedTweet[]; conversations: number } {
  const { rng } = gen;
  gen.clock += rng.exponential(gen.meanGap);
  const thread: ThreadBuilder = {
    rng,
    brand: pickBrand(gen),
    customer: pickCustomer(gen),
    tweets: [],
    maxTweets,
  };
  const root = add(
    thread,
    true,
    gen.clock + rng.between(0, 2 * HOUR),
    customerOpening(rng, thread.brand),
    null,
  );
  runExchange(thread, root);
  const last = latest(thread.tweets);
  if (last && room(thread) > 0 && rng.chance(gen.returning)) {
    // Back in the same thread after more than 72 h: a new conversation for the SLA rules.
    const at = last.at + NEW_CONVERSATION_GAP + rng.between(2 * HOUR, 10 * DAY);
    runExchange(thread, add(thread, true, at, mention(rng, thread.brand, rng.pick(RETURNING)), last));
    return { tweets: thread.tweets, conversations: 2 };
  }
  return { tweets: thread.tweets, conversations: 1 };
}

function add(
  thread: ThreadBuilder,
  inbound: boolean,
  at: number,
  text: string,
  parent: GeneratedTweet | null,
): GeneratedTweet {
  const author = inbound ? thread.customer : thread.brand.handle;
  const tweet: GeneratedTweet = { id: 0, author, inbound, at: Math.round(at), text, parent, replies: [] };
  parent?.replies.push(tweet);
  thread.tweets.push(tweet);
  return tweet;
}

function room(thread: ThreadBuilder): number {
  return thread.maxTweets - thread.tweets.length;
}

function latest(tweets: readonly GeneratedTweet[]): GeneratedTweet | null {
  let found: GeneratedTweet | null = null;
  for (const tweet of tweets) if (!found || tweet.at >= found.at) found = tweet;
  return found;
}

/**
 * The brand answers the customer's tweet (or never does), then they go back and forth until the
 * customer stops, says thanks, or the thread is full.
 */
function runExchange(thread: ThreadBuilder, first: GeneratedTweet): void {
  const { rng, brand } = thread;
  let question = first;
  let thanked = false;
  for (let round = 0; room(thread) > 0; round++) {
    const answerRate = thanked
      ? 0.5
      : round === 0
        ? brand.answerRate
        : Math.min(0.98, brand.answerRate + 0.1);
    if (!rng.chance(answerRate)) {
      if (round === 0 && rng.chance(0.3)) nudge(thread, question);
      return;
    }
    const texts = thanked ? CLOSINGS : round === 0 ? FIRST_REPLIES : LATER_REPLIES;
    const answer = reply(thread, question, round === 0 ? 1 : 0.6, texts);
    if (thanked) return;
    if (room(thread) > 0 && rng.chance(0.07)) {
      // A second agent, or a reply split over two tweets: the question gets a list of responses.
      add(
        thread,
        false,
        answer.at + rng.between(20_000, 15 * MINUTE),
        brandText(thread, LATER_REPLIES),
        question,
      );
    }
    if (room(thread) === 0 || !rng.chance(brand.followUpRate)) return;
    thanked = rng.chance(0.3);
    // Customers answer within hours, well under the 72 h that would start a new conversation.
    const askedAt = answer.at + Math.min(rng.exponential(40 * MINUTE) + 30_000, 2 * DAY);
    question = add(
      thread,
      true,
      askedAt,
      mention(rng, brand, rng.pick(thanked ? THANKS : FOLLOW_UPS)),
      answer,
    );
    if (!thanked && room(thread) > 0 && rng.chance(0.08)) {
      const at = askedAt + rng.between(15_000, 10 * MINUTE);
      question = add(thread, true, at, mention(rng, brand, rng.pick(FOLLOW_UPS)), answer);
    }
  }
}

/** Brands differ in speed; later answers in a thread come faster than the first one. */
function reply(
  thread: ThreadBuilder,
  question: GeneratedTweet,
  speed: number,
  texts: readonly string[],
): GeneratedTweet {
  const { rng, brand } = thread;
  const delay = Math.min(7 * DAY, Math.max(30_000, rng.logNormal(brand.medianAnswer * speed, brand.sigma)));
  return add(thread, false, question.at + delay, brandText(thread, texts), question);
}

function nudge(thread: ThreadBuilder, question: GeneratedTweet): void {
  const { rng, brand } = thread;
  add(
    thread,
    true,
    question.at + rng.between(10 * MINUTE, 8 * HOUR),
    mention(rng, brand, rng.pick(NUDGES)),
    question,
  );
}

/** Customers usually start with the brand's handle; some mention it mid-sentence. */
function customerOpening(rng: Random, brand: Brand): string {
  const text = fillNumber(rng, rng.pick(OPENINGS));
  const link = rng.chance(0.1) ? ` https://t.co/${shortCode(rng)}` : "";
  if (rng.chance(0.1)) return `ugh, ${text} @${brand.handle}${link}`;
  return `@${brand.handle} ${text}${link}`;
}

function mention(rng: Random, brand: Brand, text: string): string {
  return `@${brand.handle} ${fillNumber(rng, text)}`;
}

/** Brand replies address the customer first and often end with the agent's signature. */
function brandText(thread: ThreadBuilder, texts: readonly string[]): string {
  const { rng, brand } = thread;
  return `@${thread.customer} ${fillNumber(rng, rng.pick(texts))}${brand.signature(rng.pick(brand.agents))}`;
}

function fillNumber(rng: Random, template: string): string {
  return template.includes("{n}") ? template.replace("{n}", String(rng.int(2, 48))) : template;
}

function shortCode(rng: Random): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from({ length: 10 }, () => alphabet.charAt(rng.int(0, alphabet.length - 1))).join("");
}
