/**
 * fast-check generators of business-hours calendars and instants for `test/property/calendar.test.ts`:
 * zones with DST in both hemispheres, half- and quarter-hour offsets, random split hours on minute
 * boundaries (often at the hours clocks change in), holidays and overrides near the generated instant,
 * and instants over several years, often within a day or two of one of the zone's offset changes.
 */
import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import type { Calendar, OpeningInterval } from "../../src/domain/calendar.js";

export const MIN = 60_000;
const DAY = 86_400_000;
const FIRST = Date.UTC(2024, 0, 1);
const LAST = Date.UTC(2030, 0, 1);

export const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "America/Santiago", // changes its clocks at local midnight
  "Australia/Sydney",
  "Australia/Lord_Howe", // a 30-minute DST shift
  "Pacific/Chatham", // +12:45 / +13:45
  "Asia/Kolkata", // +05:30
  "Asia/Kathmandu", // +05:45
  "UTC",
] as const;

const transitionsByZone = new Map<string, number[]>();

/** The instants in 2024-2029 at which `zone` changes its UTC offset (found with luxon's offsets). */
export function transitions(zone: string): number[] {
  const known = transitionsByZone.get(zone);
  if (known) return known;
  const z = IANAZone.create(zone);
  const found: number[] = [];
  for (let day = FIRST; day < LAST; day += DAY) {
    if (z.offset(day) === z.offset(day + DAY)) continue;
    let same = day;
    let changed = day + DAY;
    while (changed - same > MIN) {
      const mid = same + Math.floor((changed - same) / 2 / MIN) * MIN;
      if (z.offset(mid) === z.offset(day)) same = mid;
      else changed = mid;
    }
    found.push(changed);
  }
  transitionsByZone.set(zone, found);
  return found;
}

/** A minute-aligned instant in 2024-2029, mostly up to two days before (or two hours after) an offset change. */
export function instantIn(zone: string): fc.Arbitrary<number> {
  const anywhere = fc.integer({ min: FIRST / MIN, max: LAST / MIN - 1 }).map((m) => m * MIN);
  const changes = transitions(zone);
  if (changes.length === 0) return anywhere;
  const near = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 1440, max: 120 }))
    .map(([change, minutes]) => change + minutes * MIN);
  return fc.oneof({ arbitrary: anywhere, weight: 1 }, { arbitrary: near, weight: 3 });
}

/** Minutes of the day, often those a clock change happens at (00:00, 01:00, 02:00, 02:45, 03:00 ...). */
const cut = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 30, 60, 90, 120, 150, 165, 180, 225, 240, 1440),
);

/** One day's opening intervals: pieces between random cut points, each open or not (touching ones too). */
export const dayHours: fc.Arbitrary<OpeningInterval[]> = fc
  .tuple(fc.uniqueArray(cut, { maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }))
  .map(([points, open]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals: OpeningInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [start, end] = [sorted[i], sorted[i + 1]];
      if (open[i] && start !== undefined && end !== undefined) intervals.push([start, end]);
    }
    return intervals;
  });

/** A calendar and an instant; its holidays and overrides fall within a week around that instant. */
export interface Scenario {
  calendar: Calendar;
  at: number;
  /** Open time in one week of weekly hours: scales durations so a deadline is a few weeks away at most. */
  weeklyOpenMs: number;
}

export const scenario: fc.Arbitrary<Scenario> = fc.constantFrom(...ZONES).chain((zone) =>
  fc
    .record({
      at: instantIn(zone),
      weekly: fc.array(dayHours, { minLength: 7, maxLength: 7 }).filter((week) => week.some((d) => d.length)),
      holidays: fc.array(
        fc.tuple(fc.integer({ min: -2, max: 7 }), fc.constantFrom("Christmas Day", "Boxing Day")),
        { maxLength: 3 },
      ),
      overrides: fc.array(fc.tuple(fc.integer({ min: -2, max: 7 }), dayHours), { maxLength: 2 }),
    })
    .map(({ at, weekly, holidays, overrides }) => {
      const today = DateTime.fromMillis(at, { zone });
      const date = (days: number) => today.plus({ days }).toISODate() ?? "";
      const calendar: Calendar = {
        name: "random",
        zone,
        weekly,
        holidays: new Map(holidays.map(([days, name]) => [date(days), name])),
        overrides: new Map(overrides.map(([days, hours]) => [date(days), hours])),
      };
      const weeklyOpenMs = weekly.flat().reduce((sum, [start, end]) => sum + (end - start) * MIN, 0);
      return { calendar, at, weeklyOpenMs };
    }),
);

export type MinuteKind = { kind: "counted" | "closed" | "holiday"; label?: string };

/** How the calendar's definition classifies the UTC minute starting at `at`, read with luxon alone. */
export function naiveMinute(calendar: Calendar, at: number): MinuteKind {
  const local = DateTime.fromMillis(at, { zone: calendar.zone });
  const date = local.toISODate() ?? "";
  const minute = local.hour * 60 + local.minute;
  const override = calendar.overrides.get(date);
  const holiday = calendar.holidays.get(date);
  if (override === undefined && holiday !== undefined) return { kind: "holiday", label: holiday };
  const hours = override ?? calendar.weekly[local.weekday - 1] ?? [];
  return { kind: hours.some(([start, end]) => start <= minute && minute < end) ? "counted" : "closed" };
}
