import { type AccountTags, tagsOf } from "./account-tags.js";
import {
  type Goal,
  type GoalScope,
  type GoalVerdict,
  goalProgress,
  goalValue,
  goalVerdict,
  type Projection,
  projectGoal,
  type VerdictBasis,
  WEEK_MS,
  type WeekValue,
} from "./goals.js";
import { type MeasuredConversation, MetricAccumulator, type MetricParams } from "./metrics.js";

/** Conversations started in `[from, to)`. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The windows a goal is measured over at `now`; they end at `now`, or at the deadline once it has passed. */
export interface GoalWindows {
  end: number;
  current: TimeRange;
  /** Null when the baseline is configured. */
  baseline: TimeRange | null;
  /** The trend's weeks, oldest first; the last one ends at `end`. */
  weeks: TimeRange[];
}

export function goalWindows(goal: Goal, now: number): GoalWindows {
  const end = Math.min(now, goal.deadline);
  const weeks: TimeRange[] = [];
  for (let k = goal.trendWeeks - 1; k >= 0; k--) {
    weeks.push({ from: end - (k + 1) * WEEK_MS, to: end - k * WEEK_MS });
  }
  return {
    end,
    current: { from: end - goal.windowMs, to: end },
    baseline: goal.baseline === null ? { from: goal.start - goal.windowMs, to: goal.start } : null,
    weeks,
  };
}

/** The ranges of start times to read so that every goal can be measured at `now`: sorted, overlaps merged. */
export function goalRanges(goals: readonly Goal[], now: number): TimeRange[] {
  const ranges = goals.flatMap((goal) => {
    const w = goalWindows(goal, now);
    const recent = { from: Math.min(w.current.from, w.weeks[0]?.from ?? w.current.from), to: w.end };
    return w.baseline ? [recent, w.baseline] : [recent];
  });
  ranges.sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** A stored conversation with what a goal's scope is checked against. */
export type GoalConversation = MeasuredConversation & { account: string; source: string };

/** Whether a conversation is in a goal's scope (account case-insensitively, source, account tag). */
export function inGoalScope(
  scope: GoalScope,
  conversation: Pick<GoalConversation, "account" | "source">,
  tags: AccountTags,
): boolean {
  if (scope.account !== undefined && scope.account.toLowerCase() !== conversation.account.toLowerCase()) {
    return false;
  }
  if (scope.source !== undefined && scope.source !== conversation.source) return false;
  if (scope.tag !== undefined && !tagsOf(tags, conversation.account).includes(scope.tag)) return false;
  return true;
}

/** Where one goal stands at `now`. */
export interface GoalEvaluation {
  goal: Goal;
  /** The window of `value`: the last `windowMs` before now, or before the deadline once it has passed. */
  window: TimeRange;
  value: number | null;
  conversations: number;
  baseline: { value: number | null; measured: boolean; window: TimeRange | null };
  progress: number | null;
  /** The share of the time from start to deadline that has passed, 0–1. */
  timeElapsed: number;
  weeks: WeekValue[];
  projection: Projection | null;
  verdict: GoalVerdict;
  basis: VerdictBasis;
}

const within = (range: TimeRange, at: number) => at >= range.from && at < range.to;

/** The accumulators of one goal's windows. */
class GoalTally {
  readonly windows: GoalWindows;
  readonly current: MetricAccumulator;
  readonly baseline: MetricAccumulator | null;
  readonly weeks: MetricAccumulator[];

  constructor(
    readonly goal: Goal,
    now: number,
    params: MetricParams,
  ) {
    this.windows = goalWindows(goal, now);
    this.current = new MetricAccumulator(params);
    this.baseline = this.windows.baseline ? new MetricAccumulator(params) : null;
    this.weeks = this.windows.weeks.map(() => new MetricAccumulator(params));
  }

  add(conversation: GoalConversation): void {
    const at = conversation.startedAt;
    const { end, current, baseline } = this.windows;
    if (within(current, at)) this.current.add(conversation);
    if (baseline && this.baseline && within(baseline, at)) this.baseline.add(conversation);
    if (at < end) {
      // Week k (0 the latest) holds starts in [end − (k+1)·week, end − k·week).
      const k = Math.ceil((end - at) / WEEK_MS) - 1;
      this.weeks[this.weeks.length - 1 - k]?.add(conversation);
    }
  }

  result(now: number): GoalEvaluation {
    const { goal, windows } = this;
    const currentSet = this.current.result();
    const value = goalValue(goal, currentSet);
    const baselineValue = this.baseline ? goalValue(goal, this.baseline.result()) : goal.baseline;
    const weeks = this.weeks.map((accumulator, i) => {
      const set = accumulator.result();
      const range = windows.weeks[i] as TimeRange;
      return { ...range, value: goalValue(goal, set), conversations: set.conversations };
    });
    const projection = now < goal.deadline ? projectGoal(goal, weeks) : null;
    const span = goal.deadline - goal.start;
    const elapsed = span > 0 ? (windows.end - goal.start) / span : 1;
    return {
      goal,
      window: windows.current,
      value,
      conversations: currentSet.conversations,
      baseline: { value: baselineValue, measured: this.baseline !== null, window: windows.baseline },
      progress: goalProgress(goal, value, baselineValue),
      timeElapsed: Math.min(1, Math.max(0, elapsed)),
      weeks,
      projection,
      ...goalVerdict(goal, value, projection?.value ?? null, now),
    };
  }
}

/**
 * Measures every goal at `now` in one pass over the conversations (each conversation is added to the
 * windows of the goals whose scope it is in). The conversations should be those started in `goalRanges`;
 * others are ignored.
 */
export function evaluateGoals(
  goals: readonly Goal[],
  conversations: Iterable<GoalConversation>,
  params: MetricParams,
  tags: AccountTags,
): GoalEvaluation[] {
  const tallies = goals.map((goal) => new GoalTally(goal, params.now, params));
  for (const conversation of conversations) {
    for (const tally of tallies) {
      if (inGoalScope(tally.goal.scope, conversation, tags)) tally.add(conversation);
    }
  }
  return tallies.map((tally) => tally.result(params.now));
}
