import type { getStatus } from "../services/status.js";

/** What `getStatus` answers. */
export type StatusData = Awaited<ReturnType<typeof getStatus>>;

/** One open conversation of the queue. */
export type QueueItem = StatusData["breaching"][number];

/** How alerts are delivered and how the deliveries stand, from the alert runner. */
export interface DeliveryState {
  kind: "smtp" | "http" | "webhook" | "outbox";
  description: string;
  pending: number;
  sent: number;
  failed: number;
  lastCycleAt: number | null;
  lastError: string | null;
}

/** The status page filters as chosen (absent: all). */
export interface QueueFilters {
  account?: string;
  source?: string;
}
