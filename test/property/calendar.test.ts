import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessTime,
  businessTimeBetween,
  type Calendar,
  clockSegments,
  clockStart,
} from "../../src/domain/calendar.js";
import {
  MIN,
  type MinuteKind,
  naiveMinute,
  type Scenario,
  scenario,
} from "../support/calendar-arbitraries.js";

const DAY = 86_400_000;

/** Any duration up to two weeks of the calendar's weekly hours, in ms (not minute-aligned). */
const share = fc.integer({ min: 0, max: 1_000_000 });
const durationOf = (s: Scenario, parts: number) => Math.floor((s.weeklyOpenMs * 2 * parts) / 1_000_000);
/** An instant within a few days after the scenario's, at any millisecond. */
const later = fc.integer({ min: 0, max: 4 * DAY });

const isOpen = (calendar: Calendar, at: number) => businessTimeBetween(calendar, at, at + 1) === 1;

/**
 * The walk's deadline (in minutes from the walk's start) for `n` open minutes after minute `from`:
 * the end of the n-th open minute, or the first open minute for 0; undefined beyond the walk.
 */
function naiveDeadline(kinds: MinuteKind[], from: number, n: number): number | undefined {
  let seen = 0;
  for (let k = from; k < kinds.length; k++) {
    if (kinds[k]?.kind !== "counted") continue;
    if (n === 0) return k;
    seen += 1;
    if (seen === n) return k + 1;
  }
  return undefined;
}

describe("business time on random calendars", () => {
  it("the deadline is the instant at which exactly the duration of open time has elapsed", () => {
    fc.assert(
      fc.property(scenario, later, share, (s, offset, parts) => {
        const start = s.at + offset;
        const d = durationOf(s, parts);
        const due = addBusinessTime(s.calendar, start, d);
        expect(businessTimeBetween(s.calendar, start, due)).toBe(d);
        const clock = clockStart(s.calendar, start);
        expect(due).toBeGreaterThanOrEqual(clock);
        expect(businessTimeBetween(s.calendar, start, clock)).toBe(0);
        expect(isOpen(s.calendar, clock)).toBe(true);
        if (d === 0) expect(due).toBe(clock);
        else expect(isOpen(s.calendar, due - 1)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("is monotonic in the start and in the duration", () => {
    fc.assert(
      fc.property(scenario, later, later, share, share, (s, a, b, p, q) => {
        const [early, late] = [s.at + Math.min(a, b), s.at + Math.max(a, b)];
        const d = durationOf(s, p);
        const e = durationOf(s, q);
        expect(addBusinessTime(s.calendar, early, d)).toBeLessThanOrEqual(
          addBusinessTime(s.calendar, late, d),
        );
        expect(addBusinessTime(s.calendar, early, Math.min(d, e))).toBeLessThanOrEqual(
          addBusinessTime(s.calendar, early, Math.max(d, e)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("open time adds up over a split point, and the segments partition the span", () => {
    fc.assert(
      fc.property(scenario, later, later, later, (s, a, b, c) => {
        const [from, middle, to] = [a, b, c].sort((x, y) => x - y).map((x) => s.at + x) as [
          number,
          number,
          number,
        ];
        const whole = businessTimeBetween(s.calendar, from, to);
        expect(
          businessTimeBetween(s.calendar, from, middle) + businessTimeBetween(s.calendar, middle, to),
        ).toBe(whole);
        const segments = clockSegments(s.calendar, from, to);
        if (from === to) expect(segments).toEqual([]);
        else {
          expect(segments[0]?.from).toBe(from);
          expect(segments.at(-1)?.to).toBe(to);
        }
        segments.forEach((segment, i) => {
          expect(segment.to).toBeGreaterThan(segment.from);
          expect(segment.kind === "holiday").toBe(segment.label !== undefined);
          const next = segments[i + 1];
          if (next) {
            expect(next.from).toBe(segment.to);
            expect([next.kind, next.label]).not.toEqual([segment.kind, segment.label]);
          }
        });
        const counted = segments
          .filter((x) => x.kind === "counted")
          .reduce((sum, x) => sum + x.to - x.from, 0);
        expect(counted).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a minute-by-minute walk of the definition", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 1, max: 3 * 1440 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (s, minutes, picks) => {
          const kinds: MinuteKind[] = [];
          for (let i = 0; i < minutes; i++) kinds.push(naiveMinute(s.calendar, s.at + i * MIN));
          const openBefore = [0];
          for (const kind of kinds)
            openBefore.push((openBefore.at(-1) ?? 0) + (kind.kind === "counted" ? 1 : 0));
          const openMinutes = openBefore.at(-1) ?? 0;

          for (const [x, y] of picks) {
            const [i, j] = [x % (minutes + 1), y % (minutes + 1)].sort((p, q) => p - q) as [number, number];
            expect(businessTimeBetween(s.calendar, s.at + i * MIN, s.at + j * MIN)).toBe(
              ((openBefore[j] ?? 0) - (openBefore[i] ?? 0)) * MIN,
            );
            const n = y % (openMinutes - (openBefore[i] ?? 0) + 1);
            const due = naiveDeadline(kinds, i, n);
            if (due !== undefined) {
              expect(addBusinessTime(s.calendar, s.at + i * MIN, n * MIN)).toBe(s.at + due * MIN);
            }
          }

          const walked: MinuteKind[] = [];
          for (const segment of clockSegments(s.calendar, s.at, s.at + minutes * MIN)) {
            expect(segment.from % MIN).toBe(0);
            const kind: MinuteKind =
              segment.label === undefined
                ? { kind: segment.kind }
                : { kind: segment.kind, label: segment.label };
            for (let t = segment.from; t < segment.to; t += MIN) walked.push(kind);
          }
          expect(walked).toEqual(kinds);
        },
      ),
      { numRuns: 120 },
    );
  });
});
