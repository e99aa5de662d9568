/**
 * Business-hours calendars: which instants count towards a first-response target.
 *
 * An instant is open when its wall-clock time in the calendar's zone (local date, weekday, minute of
 * the day) lies in an interval that applies to that local date: the date's override if there is one,
 * else none on a holiday, else the weekday's hours. Local times skipped by a spring-forward never
 * occur; an hour repeated by a fall-back counts each time it is open.
 */
import { DAY, dayPlan } from "./calendar-days.js";

/** Local opening interval in minutes since local midnight, [start, end), 0 <= start < end <= 1440. */
export type OpeningInterval = readonly [number, number];

export interface Calendar {
  name: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  zone: string;
  /** Opening intervals per ISO weekday: index 0 = Monday ... 6 = Sunday; sorted, non-overlapping. */
  weekly: ReadonlyArray<ReadonlyArray<OpeningInterval>>;
  /** Closed local dates "YYYY-MM-DD" -> holiday name. */
  holidays: ReadonlyMap<string, string>;
  /** Dated overrides: local date -> the intervals that replace that day's weekly hours (and a holiday on the same date); [] = closed. */
  overrides: ReadonlyMap<string, ReadonlyArray<OpeningInterval>>;
}

export type ClockSegmentKind = "counted" | "closed" | "holiday";

export interface ClockSegment {
  kind: ClockSegmentKind;
  from: number;
  to: number;
  /** holiday name for "holiday" */
  label?: string;
}

const WHOLE_DAY: ReadonlyArray<OpeningInterval> = Object.freeze([Object.freeze([0, 1440] as const)]);

/** The calendar of a clock that never stops. */
export const ALWAYS_OPEN: Calendar = Object.freeze({
  name: "24/7",
  zone: "UTC",
  weekly: Object.freeze(Array.from({ length: 7 }, () => WHOLE_DAY)),
  holidays: new Map<string, string>(),
  overrides: new Map<string, ReadonlyArray<OpeningInterval>>(),
});

/** Whether every instant is open (every weekday open all day, no holidays or overrides), in any zone. */
export function isAlwaysOpen(calendar: Calendar): boolean {
  if (calendar === ALWAYS_OPEN) return true;
  if (calendar.holidays.size > 0 || calendar.overrides.size > 0 || calendar.weekly.length < 7) return false;
  return calendar.weekly.every((intervals) => {
    let covered = 0;
    for (const [start, end] of intervals) {
      if (start > covered) return false;
      covered = Math.max(covered, end);
    }
    return covered >= 1440;
  });
}

/** Open time in a week by the weekly hours (holidays, overrides and clock changes aside). */
export function weeklyOpenMs(calendar: Calendar): number {
  return (
    calendar.weekly.reduce((sum, day) => sum + day.reduce((open, [start, end]) => open + end - start, 0), 0) *
    60_000
  );
}

/** A deadline searched past a calendar's last opening: it has none in `MAX_CLOSED_DAYS` days. */
export class CalendarClosedError extends Error {}

/** How many days without an opening a search goes through before it gives up. */
const MAX_CLOSED_DAYS = 400;

/** The first instant >= at that is open (the clock of a message that arrives while closed starts here). */
export function clockStart(calendar: Calendar, at: number): number {
  return addBusinessTime(calendar, at, 0);
}

/** The deadline: the instant at which `durationMs` of open time has elapsed since `start` (durationMs >= 0). With 0 it is clockStart(start). */
export function addBusinessTime(calendar: Calendar, start: number, durationMs: number): number {
  if (!(durationMs >= 0)) throw new RangeError(`expected a duration >= 0, got ${durationMs}`);
  if (isAlwaysOpen(calendar)) return start + durationMs;
  let remaining = durationMs;
  const first = Math.floor(start / DAY);
  let lastOpen = first;
  for (let day = first; day - lastOpen <= MAX_CLOSED_DAYS; day++) {
    for (const [openFrom, openTo] of dayPlan(calendar, day).open) {
      if (openTo <= start) continue;
      lastOpen = day;
      const from = Math.max(openFrom, start);
      if (remaining <= openTo - from) return from + remaining;
      remaining -= openTo - from;
    }
  }
  throw new CalendarClosedError(
    `calendar "${calendar.name}" has no opening hours in the ${MAX_CLOSED_DAYS} days after ` +
      new Date(lastOpen * DAY).toISOString().slice(0, 10),
  );
}

/** Open time in [from, to) (0 when to <= from). */
export function businessTimeBetween(calendar: Calendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (isAlwaysOpen(calendar)) return to - from;
  let total = 0;
  for (let day = Math.floor(from / DAY); day * DAY < to; day++) {
    for (const [openFrom, openTo] of dayPlan(calendar, day).open) {
      total += Math.max(0, Math.min(openTo, to) - Math.max(openFrom, from));
    }
  }
  return total;
}

/** Partition of [from, to) into maximal consecutive segments: counted (open), closed (outside business hours), holiday (a holiday date, closed all day unless overridden). */
export function clockSegments(calendar: Calendar, from: number, to: number): ClockSegment[] {
  if (to <= from) return [];
  if (isAlwaysOpen(calendar)) return [{ kind: "counted", from, to }];
  const out: ClockSegment[] = [];
  for (let day = Math.floor(from / DAY); day * DAY < to; day++) {
    for (const segment of dayPlan(calendar, day).segments) {
      const start = Math.max(segment.from, from);
      const end = Math.min(segment.to, to);
      if (start >= end) continue;
      const last = out[out.length - 1];
      if (last?.kind === segment.kind && last.label === segment.label && last.to === start) last.to = end;
      else out.push({ ...segment, from: start, to: end });
    }
  }
  return out;
}
