/** What happened to one ingested item. */
export type IngestOutcome = "stored" | "duplicate" | "rejected";

/**
 * Process counters of the ingest path (`sla_ingest_events_total` on `GET /metrics`). They live in memory
 * and restart at zero with the process, as Prometheus counters may: `rate()` handles the reset.
 */
export class IngestCounters {
  stored = 0;
  duplicate = 0;
  rejected = 0;

  /** Counts `n` items with this outcome. */
  add(outcome: IngestOutcome, n = 1): void {
    this[outcome] += n;
  }
}
