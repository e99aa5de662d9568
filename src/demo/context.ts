/** The state of one generation run and the threads it creates: one customer, one brand, one source. */
import type { MessageEvent, SlaEvent } from "../domain/event.js";
import type { DemoBrand } from "./brands.js";
import type { Random } from "./random.js";
import { FIRST_NAMES, LAST_NAMES } from "./templates.js";

export interface Context {
  rng: Random;
  now: number;
  events: SlaEvent[];
  counters: Map<string, number>;
}

interface Customer {
  firstName: string;
  /** How the customer appears as `author` on the source. */
  author: string;
}

/** One thread: the messages of one customer with one brand on one source. */
export interface Thread {
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

export function newThread(ctx: Context, brand: DemoBrand, source: string): Thread {
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

export function nextNumber(ctx: Context, key: string): number {
  const value = (ctx.counters.get(key) ?? 0) + 1;
  ctx.counters.set(key, value);
  return value;
}
