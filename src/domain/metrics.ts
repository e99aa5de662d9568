import { type ConversationClock, isResolved } from "./conversation-state.js";
import type { Conversation } from "./conversations.js";

export interface MetricParams {
  now: number;
  targetMs: number;
  windowMs: number;
}

/** The metric set of a group of conversations (DESIGN.md). Rates are fractions, null when undefined. */
export interface MetricSet {
  conversations: number;
  responded: number;
  due: number;
  withinTarget: number;
  resolved: number;
  fcrResolved: number;
  responseRate: number | null;
  attainment: number | null;
  fcrRate: number | null;
  ttfrP50Ms: number | null;
  ttfrP90Ms: number | null;
  ttfrP95Ms: number | null;
}

export type MeasuredConversation = ConversationClock & Pick<Conversation, "touches">;

/** Nearest rank: the p-th percentile of n ascending values is value number ⌈p/100 · n⌉ (1-based). */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Accumulates conversations one at a time, so groups can be measured in a single pass. */
export class MetricAccumulator {
  private conversations = 0;
  private due = 0;
  private withinTarget = 0;
  private resolved = 0;
  private fcrResolved = 0;
  private readonly ttfrs: number[] = [];

  constructor(private readonly params: MetricParams) {}

  add(conversation: MeasuredConversation): void {
    this.conversations++;
    const responded = conversation.firstResponseAt !== null;
    if (conversation.firstResponseAt !== null) {
      this.ttfrs.push(conversation.firstResponseAt - conversation.startedAt);
      if (conversation.firstResponseAt <= conversation.dueAt) this.withinTarget++;
    }
    if (responded || this.params.now > conversation.dueAt) this.due++;
    if (isResolved(conversation, this.params.now, this.params.windowMs)) {
      this.resolved++;
      if (conversation.touches === 1) this.fcrResolved++;
    }
  }

  result(): MetricSet {
    const sorted = Float64Array.from(this.ttfrs).sort();
    const values = Array.from(sorted);
    const responded = values.length;
    return {
      conversations: this.conversations,
      responded,
      due: this.due,
      withinTarget: this.withinTarget,
      resolved: this.resolved,
      fcrResolved: this.fcrResolved,
      responseRate: ratio(responded, this.due),
      attainment: ratio(this.withinTarget, this.due),
      fcrRate: ratio(this.fcrResolved, this.resolved),
      ttfrP50Ms: nearestRank(values, 50),
      ttfrP90Ms: nearestRank(values, 90),
      ttfrP95Ms: nearestRank(values, 95),
    };
  }
}

/** Measures a set of conversations at `now`. */
export function measure(conversations: Iterable<MeasuredConversation>, params: MetricParams): MetricSet {
  const accumulator = new MetricAccumulator(params);
  for (const conversation of conversations) accumulator.add(conversation);
  return accumulator.result();
}

/** Measures conversations per group key (e.g. account), plus the total; groups sorted by key. */
export function measureGroups<T extends MeasuredConversation>(
  conversations: Iterable<T>,
  keyOf: (conversation: T) => string,
  params: MetricParams,
): { groups: Array<{ key: string; metrics: MetricSet }>; total: MetricSet } {
  const total = new MetricAccumulator(params);
  const groups = new Map<string, MetricAccumulator>();
  for (const conversation of conversations) {
    total.add(conversation);
    const key = keyOf(conversation);
    let group = groups.get(key);
    if (!group) {
      group = new MetricAccumulator(params);
      groups.set(key, group);
    }
    group.add(conversation);
  }
  return {
    groups: [...groups]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, group]) => ({ key, metrics: group.result() })),
    total: total.result(),
  };
}
