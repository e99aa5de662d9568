/**
 * What the alert and summary services need from storage. Each runtime has its own store: the Node ones
 * answer synchronously (better-sqlite3), the D1 ones with promises; the services await either.
 */
import type { AlertStore } from "../storage/alert-store.js";
import type { SummaryStore } from "../storage/summary-store.js";

export type Awaitable<T> = T | Promise<T>;

/** The store's methods, each free to answer now or later (async generators stay as they are). */
type Port<Store> = {
  [K in keyof Store]: Store[K] extends (...args: infer A) => infer R
    ? (...args: A) => R extends AsyncGenerator ? R : Awaitable<Awaited<R>>
    : never;
};

/** Alerts and their outbox: raising, claiming, marking sent or failed, counting. */
export type AlertOutbox = Port<
  Pick<
    AlertStore,
    | "runningConversationPages"
    | "raisedFor"
    | "answeredAfterBreach"
    | "create"
    | "readyBatches"
    | "claim"
    | "batchPages"
    | "pendingCount"
    | "markSent"
    | "markFailed"
    | "deliveryCounts"
  >
>;

/** Daily summaries owed, claimed and sent. */
export type SummaryOutbox = Port<
  Pick<SummaryStore, "create" | "pending" | "claim" | "markSent" | "markFailed" | "breachesBetween">
>;
