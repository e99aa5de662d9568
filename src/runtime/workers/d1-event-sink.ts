import type { SlaEvent } from "../../domain/event.js";
import type { EventSink, WriteOutcome } from "../../services/batching-writer.js";
import { IngestCounters } from "../../services/ingest-counters.js";
import type { D1ThreadStore } from "../../storage/d1/d1-thread-store.js";

/**
 * Ingest on a Worker: each request's events are written by that request, in one D1 batch. There is no
 * group commit across requests (each request runs in its own invocation); D1 orders the batches.
 */
export class D1EventSink implements EventSink {
  readonly counters = new IngestCounters();

  constructor(
    private readonly store: D1ThreadStore,
    private readonly clock: () => number,
  ) {}

  async submit(events: readonly SlaEvent[]): Promise<WriteOutcome[]> {
    if (events.length === 0) return [];
    const outcomes = await this.store.write(events, this.clock());
    for (const outcome of outcomes) this.counters.add(outcome);
    return outcomes;
  }

  /** Nothing is held back: every submission is written before it is answered. */
  async drain(): Promise<void> {}
}
