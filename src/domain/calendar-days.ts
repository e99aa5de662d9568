/** How a business-hours calendar classifies the instants of one UTC day, cached per calendar. */
import { IANAZone } from "luxon";
import type { Calendar, ClockSegment, OpeningInterval } from "./calendar.js";

export const DAY = 86_400_000;
const MINUTE = 60_000;
/** Enough for years of days in use at once; a long-running process starts over rather than grow. */
const MAX_CACHED_DAYS = 20_000;

/** One UTC day `[day * DAY, (day + 1) * DAY)` of a calendar. */
export interface DayPlan {
  /** The open instants: sorted, disjoint, maximal `[from, to)` spans. */
  open: ReadonlyArray<readonly [number, number]>;
  /** The whole day as consecutive segments of one kind (and holiday name) each. */
  segments: readonly ClockSegment[];
}

const plans = new WeakMap<Calendar, Map<number, DayPlan>>();

/** The plan of UTC day number `day` (days since 1970-01-01) for `calendar`, which must not change. */
export function dayPlan(calendar: Calendar, day: number): DayPlan {
  let byDay = plans.get(calendar);
  if (byDay === undefined) {
    byDay = new Map();
    plans.set(calendar, byDay);
  }
  let plan = byDay.get(day);
  if (plan === undefined) {
    if (byDay.size >= MAX_CACHED_DAYS) byDay.clear();
    plan = planDay(calendar, day);
    byDay.set(day, plan);
  }
  return plan;
}

function planDay(calendar: Calendar, day: number): DayPlan {
  const zone = IANAZone.create(calendar.zone);
  if (!zone.isValid) throw new Error(`calendar "${calendar.name}": unknown time zone "${calendar.zone}"`);
  const segments: ClockSegment[] = [];
  for (const [from, to, offset] of constantOffsetSpans(zone, day * DAY, (day + 1) * DAY)) {
    classify(calendar, from + offset, to + offset, offset, segments);
  }
  const open = segments.filter((s) => s.kind === "counted").map((s) => [s.from, s.to] as const);
  return { open, segments };
}

function offsetAt(zone: IANAZone, at: number): number {
  return Math.round(zone.offset(at) * MINUTE);
}

/**
 * `[from, to)` as spans `[start, end, offsetMs]` of constant UTC offset. Luxon gives offsets, not
 * transitions, so a transition is found by bisection when the offsets at both ends differ (two
 * transitions within one day that cancel out would go unseen; no zone has them).
 */
function constantOffsetSpans(zone: IANAZone, from: number, to: number): Array<[number, number, number]> {
  const spans: Array<[number, number, number]> = [];
  let start = from;
  let offset = offsetAt(zone, from);
  while (offsetAt(zone, to - 1) !== offset) {
    let same = start;
    let changed = to - 1;
    while (changed - same > 1) {
      const mid = Math.floor((same + changed) / 2);
      if (offsetAt(zone, mid) === offset) same = mid;
      else changed = mid;
    }
    spans.push([start, changed, offset]);
    start = changed;
    offset = offsetAt(zone, changed);
  }
  spans.push([start, to, offset]);
  return spans;
}

/**
 * Appends the segments of the local wall-clock range `[localFrom, localTo)` (local-epoch ms), which
 * the instants `[localFrom - offset, localTo - offset)` show, day by local day.
 */
function classify(
  calendar: Calendar,
  localFrom: number,
  localTo: number,
  offset: number,
  out: ClockSegment[],
): void {
  for (let date = Math.floor(localFrom / DAY); date * DAY < localTo; date++) {
    const midnight = date * DAY;
    const lo = Math.max(localFrom, midnight);
    const hi = Math.min(localTo, midnight + DAY);
    const { intervals, holiday } = rulesOf(calendar, date);
    if (holiday !== undefined) {
      append(out, "holiday", lo - offset, hi - offset, holiday);
      continue;
    }
    let cursor = lo;
    for (const [start, end] of intervals) {
      const openFrom = Math.max(lo, midnight + start * MINUTE);
      const openTo = Math.min(hi, midnight + end * MINUTE);
      if (openFrom >= openTo) continue;
      append(out, "closed", cursor - offset, openFrom - offset);
      append(out, "counted", openFrom - offset, openTo - offset);
      cursor = openTo;
    }
    append(out, "closed", cursor - offset, hi - offset);
  }
}

/** The opening intervals of local date number `date`, and the holiday name when a holiday closes it. */
function rulesOf(
  calendar: Calendar,
  date: number,
): { intervals: ReadonlyArray<OpeningInterval>; holiday?: string } {
  if (calendar.overrides.size > 0 || calendar.holidays.size > 0) {
    const key = new Date(date * DAY).toISOString().slice(0, 10);
    const override = calendar.overrides.get(key);
    if (override !== undefined) return { intervals: override };
    const holiday = calendar.holidays.get(key);
    if (holiday !== undefined) return { intervals: [], holiday };
  }
  // 1970-01-01 was a Thursday: index 3 with Monday = 0.
  return { intervals: calendar.weekly[((date % 7) + 10) % 7] ?? [] };
}

function append(
  out: ClockSegment[],
  kind: ClockSegment["kind"],
  from: number,
  to: number,
  label?: string,
): void {
  if (from >= to) return;
  const last = out[out.length - 1];
  if (last !== undefined && last.kind === kind && last.label === label && last.to === from) {
    last.to = to;
    return;
  }
  out.push(label === undefined ? { kind, from, to } : { kind, from, to, label });
}
