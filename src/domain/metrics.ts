import { isResolved } from "./conversation-state.js";
import type { Conversation } from "./conversations.js";
import { nextResponseOverdue, resolutionOutcome, type TargetFacts } from "./target-status.js";

export interface MetricParams {
  now: number;
  windowMs: number;
}

/** How one target went over a set of conversations: clocks that are due (met or missed) and those met. */
export interface TargetAttainment {
  due: number;
  within: number;
  attainment: number | null;
}

/** The metric set of a group of conversations (README, How it measures). Rates are fractions, null when undefined. */
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
  /** TTFR percentiles in the policy calendars' business time. */
  ttfrBusinessP50Ms: number | null;
  ttfrBusinessP90Ms: number | null;
  ttfrBusinessP95Ms: number | null;
  /** Each follow-up's next response, and resolution, against their targets (policies that set them). */
  nextResponse: TargetAttainment;
  resolution: TargetAttainment;
}

export type MeasuredConversation = TargetFacts & Pick<Conversation, "touches" | "ttfrBusinessMs">;

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
  private readonly businessTtfrs: number[] = [];
  private nextDue = 0;
  private nextWithin = 0;
  private resolutionDue = 0;
  private resolutionWithin = 0;

  constructor(private readonly params: MetricParams) {}

  add(conversation: MeasuredConversation): void {
    this.conversations++;
    const responded = conversation.firstResponseAt !== null;
    const { now, windowMs } = this.params;
    if (conversation.firstResponseAt !== null) {
      this.ttfrs.push(conversation.firstResponseAt - conversation.startedAt);
      this.businessTtfrs.push(
        conversation.ttfrBusinessMs ?? conversation.firstResponseAt - conversation.startedAt,
      );
      if (conversation.firstResponseAt <= conversation.dueAt) this.withinTarget++;
    }
    if (responded || now > conversation.dueAt) this.due++;
    if (isResolved(conversation, now, windowMs)) {
      this.resolved++;
      if (conversation.touches === 1) this.fcrResolved++;
    }
    this.nextDue += conversation.nextAnswered + (nextResponseOverdue(conversation, now, windowMs) ? 1 : 0);
    this.nextWithin += conversation.nextWithin;
    const resolution = resolutionOutcome(conversation, now, windowMs);
    if (resolution !== null && resolution !== "pending") {
      this.resolutionDue++;
      if (resolution === "met") this.resolutionWithin++;
    }
  }

  result(): MetricSet {
    const values = Array.from(Float64Array.from(this.ttfrs).sort());
    const business = Array.from(Float64Array.from(this.businessTtfrs).sort());
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
      ttfrBusinessP50Ms: nearestRank(business, 50),
      ttfrBusinessP90Ms: nearestRank(business, 90),
      ttfrBusinessP95Ms: nearestRank(business, 95),
      nextResponse: {
        due: this.nextDue,
        within: this.nextWithin,
        attainment: ratio(this.nextWithin, this.nextDue),
      },
      resolution: {
        due: this.resolutionDue,
        within: this.resolutionWithin,
        attainment: ratio(this.resolutionWithin, this.resolutionDue),
      },
    };
  }
}

/** Measures a set of conversations at `now`. */
export function measure(conversations: Iterable<MeasuredConversation>, params: MetricParams): MetricSet {
  const accumulator = new MetricAccumulator(params);
  for (const conversation of conversations) accumulator.add(conversation);
  return accumulator.result();
}

/**
 * Accumulates conversations per group key (e.g. account) and in total, one at a time. A conversation with
 * several keys (an account with several tags) counts in each of those groups, and once in the total.
 */
export class GroupedMetrics<T extends MeasuredConversation> {
  private readonly total: MetricAccumulator;
  private readonly groups = new Map<string, MetricAccumulator>();

  constructor(
    private readonly keyOf: (conversation: T) => string | readonly string[],
    private readonly params: MetricParams,
  ) {
    this.total = new MetricAccumulator(params);
  }

  add(conversation: T): void {
    this.total.add(conversation);
    const keys = this.keyOf(conversation);
    for (const key of typeof keys === "string" ? [keys] : keys) {
      let group = this.groups.get(key);
      if (!group) {
        group = new MetricAccumulator(this.params);
        this.groups.set(key, group);
      }
      group.add(conversation);
    }
  }

  /** The groups sorted by key, and the total. */
  result(): { groups: Array<{ key: string; metrics: MetricSet }>; total: MetricSet } {
    return {
      groups: [...this.groups]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, group]) => ({ key, metrics: group.result() })),
      total: this.total.result(),
    };
  }
}

/** Measures conversations per group key (e.g. account), plus the total; groups sorted by key. */
export function measureGroups<T extends MeasuredConversation>(
  conversations: Iterable<T>,
  keyOf: (conversation: T) => string | readonly string[],
  params: MetricParams,
): { groups: Array<{ key: string; metrics: MetricSet }>; total: MetricSet } {
  const grouped = new GroupedMetrics(keyOf, params);
  for (const conversation of conversations) grouped.add(conversation);
  return grouped.result();
}
