/** Token buckets per key (an API token's hash or a client address), with bounded memory. */

/** Sustained requests per second and the burst allowed above it. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** The answer for one request: allowed, or refused with the whole seconds to wait before the next. */
export type Decision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  at: number;
}

/** Buckets beyond this many trigger a sweep; under attack with many keys, the least recently used go. */
const DEFAULT_MAX_KEYS = 10_000;
/** Idle buckets are swept at most this often (amortised: a sweep walks every bucket). */
const SWEEP_EVERY_MS = 60_000;

/**
 * A token bucket per key: each key holds up to `burst` tokens, refilled at `perSecond`; a request takes
 * one. Time comes from the caller, so tests drive it. A bucket that has refilled completely is the same as
 * no bucket, so idle keys are dropped; the map is kept in least-recently-used order so that, when too many
 * keys are live at once, the longest idle are dropped first (they start again with a full bucket).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** Takes one token from `key`'s bucket at time `now` (epoch ms). */
  take(key: string, now: number): Decision {
    this.sweep(now);
    const bucket = this.refilled(key, now);
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = ((1 - bucket.tokens) / this.limit.perSecond) * 1000;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** How many keys hold a bucket (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.limit.burst, at: now };
    // A clock that steps back refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - bucket.at);
    return {
      tokens: Math.min(this.limit.burst, bucket.tokens + (elapsed / 1000) * this.limit.perSecond),
      at: Math.max(now, bucket.at),
    };
  }

  private sweep(now: number): void {
    const crowded = this.buckets.size >= this.maxKeys;
    if (!crowded && now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      const full = bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= this.limit.burst;
      if (full) this.buckets.delete(key);
    }
    // Still crowded: every key is active; drop the least recently used rather than grow without bound,
    // down to 90% so that the next sweep is many requests away (each one walks every bucket).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys * 0.9) break;
      this.buckets.delete(key);
    }
  }
}
