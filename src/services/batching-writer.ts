import type { SlaEvent } from "../domain/event.js";
import { IngestCounters } from "./ingest-counters.js";

export type WriteOutcome = "stored" | "duplicate";

/** Stores a batch of valid events atomically and says, per event, whether it was new. */
export interface EventWriter {
  write(events: readonly SlaEvent[], receivedAt: number): WriteOutcome[];
}

/**
 * Where ingest hands its valid events: answered per event once they are stored. The Node runtime groups
 * concurrent requests into one transaction (`BatchingWriter`); a Worker writes each request's batch itself.
 */
export interface EventSink {
  submit(events: readonly SlaEvent[]): Promise<WriteOutcome[]>;
  /** Stored and duplicate events, counted after their commit. */
  readonly counters: IngestCounters;
  /** Resolves once everything submitted so far is stored. */
  drain(): Promise<void>;
}

interface Pending {
  events: readonly SlaEvent[];
  resolve: (outcomes: WriteOutcome[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the writes of concurrent requests into one transaction (group commit): submissions made in the
 * same turn of the event loop are written together, and each caller is answered only after the commit.
 */
export class BatchingWriter implements EventSink {
  private queue: Pending[] = [];
  private queued = 0;
  private scheduled = false;
  private inFlight: Promise<void> = Promise.resolve();
  private held = false;
  /** Stored and duplicate events, counted after their commit (rejections are counted by `ingestItems`). */
  readonly counters = new IngestCounters();

  constructor(
    private readonly writer: EventWriter,
    private readonly clock: () => number,
    private readonly maxBatch = 5000,
  ) {}

  submit(events: readonly SlaEvent[]): Promise<WriteOutcome[]> {
    if (events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.queued += events.length;
      if (this.queued >= this.maxBatch) this.flush(true);
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once everything submitted so far is committed (for shutdown), held or not. */
  async drain(): Promise<void> {
    this.flush(true);
    await this.inFlight;
  }

  /**
   * Holds commits until `release()`: what is submitted meanwhile waits, unless it reaches the batch limit
   * or is drained. Nothing depends on it for safety; it gives the WAL checkpointer a moment without commits.
   */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(force = false): void {
    this.scheduled = false;
    if (this.held && !force) return;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.queued = 0;
    try {
      const outcomes = this.writer.write(
        batch.flatMap((pending) => pending.events),
        this.clock(),
      );
      for (const outcome of outcomes) this.counters.add(outcome);
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(outcomes.slice(offset, offset + pending.events.length));
        offset += pending.events.length;
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
