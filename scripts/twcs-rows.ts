/**
 * Seeded rows in the format of the "Customer Support on Twitter" (twcs) dataset, for importer tests and
 * benchmarks at any size. No I/O: `generate-twcs.ts` streams these rows to a file.
 */
import { createRandom, type Random } from "../src/demo/random.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A customer writing again after this gap starts a new conversation (design rule). */
const NEW_CONVERSATION_GAP = 72 * HOUR;
/** Threads hold 1-8 tweets. */
const MAX_THREAD_TWEETS = 8;
/** About the busiest days of the real dataset: sets how fast the clock moves per thread. */
const THREADS_PER_DAY = 9_000;

/** The dataset's columns, in order. */
export const TWCS_COLUMNS: readonly string[] = [
  "tweet_id",
  "author_id",
  "inbound",
  "created_at",
  "text",
  "response_tweet_id",
  "in_response_to_tweet_id",
];

/** Options of {@link twcsRows}. */
export interface TwcsRowsOptions {
  /** Data rows to produce (the header is extra). */
  rows: number;
  /** Default 1. */
  seed?: number;
  /** Number of brand accounts. Default 20. */
  brands?: number;
  /** Time of the first thread, epoch ms. Default 2017-10-01T00:00:00Z. */
  start?: number;
  /** Adds the unnamed leading index column that pandas wrote into the published file. */
  indexColumn?: boolean;
}

/**
 * Quotes a CSV line the way pandas/Python `csv` (QUOTE_MINIMAL) do: a field is quoted when it holds a
 * comma, a quote or a line break, and quotes inside are doubled. Returns the line without a terminator.
 */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

function csvField(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Twitter's `created_at` format, always UTC: `Tue Oct 31 22:10:47 +0000 2017`. */
export function formatTwitterDate(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} +0000 ${date.getUTCFullYear()}`;
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

interface Tweet {
  id: number;
  author: string;
  inbound: boolean;
  at: number;
  text: string;
  parent: Tweet | null;
  replies: Tweet[];
}

interface RowState {
  rng: Random;
  brands: readonly Brand[];
  cumulativeWeights: readonly number[];
  clock: number;
  nextTweetId: number;
  nextCustomerId: number;
  /** Recently seen customers, so some of them open another thread later. */
  recentCustomers: string[];
}

/**
 * Yields the header, then `rows` data rows grouped by thread (a thread's tweets are adjacent, and ids
 * follow that order rather than time, like the crawl behind the dataset). Every reply points at a
 * tweet in the output; memory stays flat whatever `rows` is.
 */
export function* twcsRows(options: TwcsRowsOptions): Generator<string[], void, undefined> {
  const brandCount = options.brands ?? 20;
  if (!Number.isInteger(brandCount) || brandCount < 1)
    throw new RangeError("brands must be a positive integer");
  const rng = createRandom(options.seed ?? 1);
  const brands = makeBrands(rng, brandCount);
  const gen: RowState = {
    rng,
    brands,
    cumulativeWeights: cumulative(brands.map((brand) => brand.weight)),
    clock: options.start ?? Date.UTC(2017, 9, 1),
    nextTweetId: 1,
    nextCustomerId: 100_001,
    recentCustomers: [],
  };
  const indexColumn = options.indexColumn ?? false;
  yield indexColumn ? ["", ...TWCS_COLUMNS] : [...TWCS_COLUMNS];
  let written = 0;
  while (written < options.rows) {
    const thread = makeThread(gen, Math.min(MAX_THREAD_TWEETS, options.rows - written));
    const order = crawlOrder(rng, thread);
    // Ids before rows: a row lists the ids of its replies, which may come later in the order.
    for (const tweet of order) tweet.id = gen.nextTweetId++;
    for (const tweet of order) {
      const row = toRow(tweet);
      yield indexColumn ? [String(written), ...row] : row;
      written++;
    }
  }
}

function toRow(tweet: Tweet): string[] {
  return [
    String(tweet.id),
    tweet.author,
    tweet.inbound ? "True" : "False",
    formatTwitterDate(tweet.at),
    tweet.text,
    tweet.replies.map((reply) => reply.id).join(","),
    // pandas wrote this column as floats because it has empty cells.
    tweet.parent ? `${tweet.parent.id}.0` : "",
  ];
}

/**
 * The order rows appear in (and get their ids in): usually the crawl's (the latest tweet, then up its
 * reply chain, then the rest), sometimes plain time order.
 */
function crawlOrder(rng: Random, thread: Tweet[]): Tweet[] {
  if (rng.chance(0.3)) return thread;
  const ordered: Tweet[] = [];
  const seen = new Set<Tweet>();
  for (let tweet: Tweet | null = latest(thread); tweet; tweet = tweet.parent) {
    ordered.push(tweet);
    seen.add(tweet);
  }
  for (const tweet of thread) if (!seen.has(tweet)) ordered.push(tweet);
  return ordered;
}

const BRAND_STEMS = [
  "Acme",
  "Nimbus",
  "ParcelPal",
  "BrightBank",
  "Zephyr",
  "Lumen",
  "Quanta",
  "Orbit",
  "Harbor",
  "Maple",
  "Cobalt",
  "Pioneer",
  "Summit",
  "Velvet",
  "Beacon",
  "Juniper",
  "Cedar",
  "Falcon",
  "Helix",
  "Ivory",
  "Kestrel",
  "Meridian",
  "Onyx",
  "Pixel",
  "Quill",
  "Redwood",
  "Sable",
  "Tidal",
  "Vista",
  "Willow",
  "Yonder",
  "Zenith",
  "Sparrow",
  "Copper",
  "Granite",
  "Aurora",
  "Ember",
  "Fjord",
  "Glimmer",
  "Hollow",
];
const BRAND_STYLES: readonly ((stem: string) => string)[] = [
  (stem) => `${stem}Support`,
  (stem) => `${stem}Help`,
  (stem) => `${stem}Care`,
  (stem) => `Ask_${stem}`,
  (stem) => `${stem}_Cares`,
  (stem) => `${stem}Service`,
];
const SIGNATURES: readonly ((initials: string) => string)[] = [
  (initials) => ` ^${initials}`,
  (initials) => ` -${initials}`,
  (initials) => `\n^${initials}`,
  () => "",
];

function makeBrands(rng: Random, count: number): Brand[] {
  const brands: Brand[] = [];
  for (let i = 0; i < count; i++) {
    const stem = BRAND_STEMS[i % BRAND_STEMS.length] ?? "Acme";
    const style = BRAND_STYLES[i % BRAND_STYLES.length];
    // Stem and style repeat together every 120 brands (40 and 6 share a factor 2): a number keeps handles unique.
    const round = Math.floor(i / 120);
    const handle = `${style?.(stem) ?? stem}${round > 0 ? round + 1 : ""}`;
    brands.push({
      handle,
      weight: 1 / (i + 1) ** 0.8,
      answerRate: rng.between(0.55, 0.98),
      medianAnswer: Math.min(12 * HOUR, Math.max(3 * MINUTE, rng.logNormal(40 * MINUTE, 1))),
      sigma: rng.between(0.6, 1.3),
      followUpRate: rng.between(0.25, 0.6),
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

function pickBrand(gen: RowState): Brand {
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
  if (!brand) throw new Error("twcsRows needs at least one brand");
  return brand;
}

/** Mostly new customers, with some regulars opening another thread. */
function pickCustomer(gen: RowState): string {
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
  tweets: Tweet[];
  maxTweets: number;
}

/** One thread: the customer's tweet, the brand's answers, follow-ups, maybe a return after 72 h. */
function makeThread(gen: RowState, maxTweets: number): Tweet[] {
  const { rng } = gen;
  gen.clock += rng.exponential(DAY / THREADS_PER_DAY);
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
  if (last && room(thread) > 0 && rng.chance(0.06)) {
    // Back in the same thread after more than 72 h: a new conversation for the SLA rules.
    const at = last.at + NEW_CONVERSATION_GAP + rng.between(2 * HOUR, 10 * DAY);
    runExchange(thread, add(thread, true, at, mention(rng, thread.brand, rng.pick(RETURNING)), last));
  }
  return thread.tweets;
}

function add(thread: ThreadBuilder, inbound: boolean, at: number, text: string, parent: Tweet | null): Tweet {
  const author = inbound ? thread.customer : thread.brand.handle;
  const tweet: Tweet = { id: 0, author, inbound, at: Math.round(at), text, parent, replies: [] };
  parent?.replies.push(tweet);
  thread.tweets.push(tweet);
  return tweet;
}

function room(thread: ThreadBuilder): number {
  return thread.maxTweets - thread.tweets.length;
}

function latest(tweets: readonly Tweet[]): Tweet | null {
  let found: Tweet | null = null;
  for (const tweet of tweets) if (!found || tweet.at >= found.at) found = tweet;
  return found;
}

/**
 * The brand answers the customer's tweet (or never does), then they go back and forth until the
 * customer stops, says thanks, or the thread is full.
 */
function runExchange(thread: ThreadBuilder, first: Tweet): void {
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
function reply(thread: ThreadBuilder, question: Tweet, speed: number, texts: readonly string[]): Tweet {
  const { rng, brand } = thread;
  const delay = Math.min(7 * DAY, Math.max(30_000, rng.logNormal(brand.medianAnswer * speed, brand.sigma)));
  return add(thread, false, question.at + delay, brandText(thread, texts), question);
}

function nudge(thread: ThreadBuilder, question: Tweet): void {
  const { rng, brand } = thread;
  add(
    thread,
    true,
    question.at + rng.between(10 * MINUTE, 8 * HOUR),
    mention(rng, brand, rng.pick(NUDGES)),
    question,
  );
}

const OPENINGS = [
  "my order hasn't arrived yet, it's been {n} days. what's going on?",
  "been on hold for {n} minutes, is anyone actually working today?",
  "the app crashes every time I open it. Tried reinstalling, same thing",
  "why was I charged twice this month? £{n}.99, twice.",
  'your "24/7 support" hasn\'t answered my DM since yesterday',
  'can\'t log in, it says "account locked" but I never got an email',
  "quick question: do you ship to Canada?",
  "3 calls, 2 chats, 0 answers. Fix my internet please",
  "delivery window was 9-1, it's now 4pm and nobody came.\nNot impressed.",
  "is the outage downtown fixed yet? still nothing here",
  "ordered a blue one, got a red one. How do I swap it?",
  "your website says in stock, the store says no. Which is it?",
  "can I change my booking without paying the fee again?",
  "card declined at checkout, but my bank says it's fine 🤔",
  "refund was promised {n} days ago.\nStill nothing on my statement.",
];
const FOLLOW_UPS = [
  "I did, still no reply",
  "DM sent",
  "ok, the order number is {n}",
  'that didn\'t work, same error: "try again later"',
  "so what now?",
  "I already did all of that, twice.",
  "it's the latest version, on Android",
  "how long will that take?",
];
const THANKS = ["Thanks, that worked!", "appreciate it, thank you 🙏", "great, all sorted now. Thanks!"];
const NUDGES = ["hello??", "anyone?", "still waiting for an answer...", "Is this account even monitored?"];
const RETURNING = [
  "hi again, same problem as last week",
  "back again. The issue from last time is happening again",
  "me again, the replacement has the same fault",
];
const FIRST_REPLIES = [
  "Hi there, sorry to hear that! Can you DM us your order number so we can take a look?",
  "We're sorry for the wait. Please follow and DM us, we'll sort this out together.",
  "Thanks for reaching out, we'd be glad to help. What device and app version are you using?",
  "Sorry about that. Please send us a DM with the email on the account and we'll check it.",
  "Yes, we ship there: delivery takes 5-7 business days.",
  "We're aware of an outage in your area and crews are on it. No ETA yet, we'll keep you posted.",
];
const LATER_REPLIES = [
  "Thanks for the details. I've passed this to our team, they'll contact you within {n} hours.",
  "That's not the \"quick fix\" we promised, sorry. Let's try a reset: Settings > General > Reset.",
  "Got it, thanks! We've replied in DM.",
  "Sorry it's still happening. Could you try once more and tell us the exact error?",
];
const CLOSINGS = ["Glad we could help! Have a great day 😊", "Happy to help, reach out anytime."];

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
