/** The first-response policy a thread is measured with. */
export interface SlaPolicy {
  /** First-response target `T`. */
  targetMs: number;
  /** Inactivity window `W`: a customer message after more than `W` of silence starts a new conversation. */
  windowMs: number;
}

export const DEFAULT_POLICY: SlaPolicy = { targetMs: 2 * 3_600_000, windowMs: 72 * 3_600_000 };

/** The first-response deadline of a conversation that started at `start` (24/7 calendar). */
export function dueAt(policy: SlaPolicy, start: number): number {
  return start + policy.targetMs;
}
