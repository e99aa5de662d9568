import { describe, expect, it } from "vitest";
import {
  ALWAYS_OPEN,
  addBusinessTime,
  businessTimeBetween,
  type Calendar,
  type ClockSegment,
  clockSegments,
  clockStart,
  isAlwaysOpen,
  type OpeningInterval,
} from "../../src/domain/calendar.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const hm = (text: string): OpeningInterval => {
  const [start = "", end = ""] = text.split("-");
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return [minutes(start), minutes(end)];
};

function calendar(overrides: Partial<Calendar> & { days?: string[]; weekdays?: string[] }): Calendar {
  const { days = [], weekdays = [], ...rest } = overrides;
  const hours = weekdays.map(hm);
  return {
    name: "test",
    zone: "UTC",
    weekly: Array.from({ length: 7 }, (_, i) => (i < 5 ? hours : days.map(hm))),
    holidays: new Map(),
    overrides: new Map(),
    ...rest,
  };
}

/** Mon-Fri 09:00-17:00. */
const nineToFive = (zone: string, more: Partial<Calendar> = {}) =>
  calendar({ zone, weekdays: ["09:00-17:00"], ...more });
/** 01:00-04:00 every day: the hours a DST change happens in. */
const nights = (zone: string) => calendar({ zone, weekdays: ["01:00-04:00"], days: ["01:00-04:00"] });

/** Berlin, Mon-Fri 09:00-12:30 and 13:30-18:00 (2026-03-02 is a Monday; Berlin is UTC+1 in early March). */
const berlin = calendar({ name: "berlin", zone: "Europe/Berlin", weekdays: ["09:00-12:30", "13:30-18:00"] });

describe("split shifts and closed times", () => {
  it.each([
    { name: "inside the morning shift", start: "2026-03-02T08:30:00Z", clock: "2026-03-02T08:30:00Z" },
    { name: "before opening", start: "2026-03-02T06:00:00Z", clock: "2026-03-02T08:00:00Z" },
    { name: "at lunch", start: "2026-03-02T11:45:00Z", clock: "2026-03-02T12:30:00Z" },
    { name: "at the end of the morning shift", start: "2026-03-02T11:30:00Z", clock: "2026-03-02T12:30:00Z" },
    { name: "on Friday evening", start: "2026-03-06T18:00:00Z", clock: "2026-03-09T08:00:00Z" },
    { name: "on Sunday", start: "2026-03-08T10:00:00Z", clock: "2026-03-09T08:00:00Z" },
  ])("a message $name starts the clock at $clock", ({ start, clock }) => {
    expect(iso(clockStart(berlin, at(start)))).toBe(new Date(clock).toISOString());
    expect(iso(addBusinessTime(berlin, at(start), 0))).toBe(new Date(clock).toISOString());
  });

  it.each([
    { name: "spans the lunch break", start: "2026-03-02T10:30:00Z", due: "2026-03-02T13:30:00Z" },
    { name: "starts after lunch", start: "2026-03-02T11:45:00Z", due: "2026-03-02T14:30:00Z" },
    { name: "ends exactly at lunch", start: "2026-03-02T09:30:00Z", due: "2026-03-02T11:30:00Z" },
    { name: "runs from Friday into Monday", start: "2026-03-06T16:00:00Z", due: "2026-03-09T09:00:00Z" },
    { name: "starts on Friday evening", start: "2026-03-06T19:00:00Z", due: "2026-03-09T10:00:00Z" },
  ])("a 2 h target that $name is due at $due", ({ start, due }) => {
    expect(iso(addBusinessTime(berlin, at(start), 2 * HOUR))).toBe(new Date(due).toISOString());
    expect(businessTimeBetween(berlin, at(start), at(due))).toBe(2 * HOUR);
  });

  it("counts 8 h on a weekday, 40 h in a week and nothing backwards", () => {
    expect(businessTimeBetween(berlin, at("2026-03-01T23:00:00Z"), at("2026-03-02T23:00:00Z"))).toBe(
      8 * HOUR,
    );
    expect(businessTimeBetween(berlin, at("2026-03-01T23:00:00Z"), at("2026-03-08T23:00:00Z"))).toBe(
      40 * HOUR,
    );
    expect(businessTimeBetween(berlin, at("2026-03-02T12:00:00Z"), at("2026-03-02T10:00:00Z"))).toBe(0);
  });

  it("refuses a negative duration and a calendar that never opens", () => {
    expect(() => addBusinessTime(berlin, 0, -1)).toThrow(RangeError);
    const never = calendar({ name: "never" });
    expect(() => clockStart(never, at("2026-03-02T00:00:00Z"))).toThrow(/"never" has no opening hours/);
    expect(businessTimeBetween(never, 0, 1000 * HOUR)).toBe(0);
  });
});

describe("holidays and overrides", () => {
  // 2026-12-24 is a Thursday; Berlin is UTC+1 in winter.
  const christmas = {
    ...berlin,
    holidays: new Map([
      ["2026-12-25", "Christmas Day"],
      ["2026-12-26", "Boxing Day"],
      ["2026-12-31", "New Year's Eve"],
      ["2027-01-01", "New Year's Day"],
    ]),
    overrides: new Map<string, OpeningInterval[]>([
      ["2026-12-24", [hm("09:00-12:00")]],
      ["2026-12-31", [hm("10:00-14:00")]],
    ]),
  };

  it("a short Christmas Eve, then the holidays and the weekend", () => {
    expect(iso(addBusinessTime(christmas, at("2026-12-24T10:00:00Z"), 2 * HOUR))).toBe(
      "2026-12-28T09:00:00.000Z",
    );
    expect(iso(clockStart(christmas, at("2026-12-24T11:30:00Z")))).toBe("2026-12-28T08:00:00.000Z");
  });

  it("an override on a holiday opens it, and the count runs on into the new year", () => {
    expect(iso(addBusinessTime(christmas, at("2026-12-30T16:00:00Z"), 4 * HOUR))).toBe(
      "2026-12-31T12:00:00.000Z",
    );
    expect(iso(addBusinessTime(christmas, at("2026-12-30T16:00:00Z"), 6 * HOUR))).toBe(
      "2027-01-04T09:00:00.000Z",
    );
    expect(businessTimeBetween(christmas, at("2026-12-30T23:00:00Z"), at("2026-12-31T23:00:00Z"))).toBe(
      4 * HOUR,
    );
  });

  it("a closing override closes a working day", () => {
    const closed = { ...berlin, overrides: new Map([["2026-03-03", []]]) };
    expect(iso(addBusinessTime(closed, at("2026-03-02T16:00:00Z"), 2 * HOUR))).toBe(
      "2026-03-04T09:00:00.000Z",
    );
  });

  it("a holiday on Feb 29 of a leap year", () => {
    // 2028-02-28 is a Monday.
    const leap = nineToFive("UTC", { holidays: new Map([["2028-02-29", "Leap Day"]]) });
    expect(iso(addBusinessTime(leap, at("2028-02-28T16:00:00Z"), 2 * HOUR))).toBe("2028-03-01T10:00:00.000Z");
    expect(businessTimeBetween(leap, at("2028-02-28T00:00:00Z"), at("2028-03-02T00:00:00Z"))).toBe(16 * HOUR);
  });

  it("labels a span as counted, closed and holiday, covering it exactly", () => {
    const segments = clockSegments(christmas, at("2026-12-24T07:30:00Z"), at("2026-12-28T08:30:00Z"));
    const expected: ClockSegment[] = [
      { kind: "closed", from: at("2026-12-24T07:30:00Z"), to: at("2026-12-24T08:00:00Z") },
      { kind: "counted", from: at("2026-12-24T08:00:00Z"), to: at("2026-12-24T11:00:00Z") },
      { kind: "closed", from: at("2026-12-24T11:00:00Z"), to: at("2026-12-24T23:00:00Z") },
      {
        kind: "holiday",
        from: at("2026-12-24T23:00:00Z"),
        to: at("2026-12-25T23:00:00Z"),
        label: "Christmas Day",
      },
      {
        kind: "holiday",
        from: at("2026-12-25T23:00:00Z"),
        to: at("2026-12-26T23:00:00Z"),
        label: "Boxing Day",
      },
      { kind: "closed", from: at("2026-12-26T23:00:00Z"), to: at("2026-12-28T08:00:00Z") },
      { kind: "counted", from: at("2026-12-28T08:00:00Z"), to: at("2026-12-28T08:30:00Z") },
    ];
    expect(segments).toEqual(expected);
  });

  it("has no segments for an empty span", () => {
    expect(clockSegments(christmas, at("2026-12-24T08:00:00Z"), at("2026-12-24T08:00:00Z"))).toEqual([]);
  });
});

describe("daylight saving time", () => {
  it.each([
    // 01:00-02:00 CET, then 03:00-04:00 CEST: the hour between never happens.
    ["Europe/Berlin", "2026-03-29", "2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z", 2],
    // 01:00-03:00 CEST, then 02:00-04:00 CET: 02:00-03:00 happens twice.
    ["Europe/Berlin", "2026-10-25", "2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z", 4],
    ["Europe/Berlin", "2026-10-26", "2026-10-26T00:00:00Z", "2026-10-26T03:00:00Z", 3],
    // 01:00-02:00 EST, then 03:00-04:00 EDT.
    ["America/New_York", "2026-03-08", "2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z", 2],
    // 01:00-02:00 EDT, then 01:00-04:00 EST: 01:00-02:00 happens twice.
    ["America/New_York", "2026-11-01", "2026-11-01T05:00:00Z", "2026-11-01T09:00:00Z", 4],
    // Lord Howe moves its clock by 30 minutes: 01:00-02:00 at +10:30, then 02:30-04:00 at +11.
    ["Australia/Lord_Howe", "2026-10-04", "2026-10-03T14:30:00Z", "2026-10-03T17:00:00Z", 2.5],
    // 01:00-02:00 at +11, then 01:30-04:00 at +10:30.
    ["Australia/Lord_Howe", "2026-04-05", "2026-04-04T14:00:00Z", "2026-04-04T17:30:00Z", 3.5],
  ])("opening 01:00-04:00 in %s on %s runs from %s to %s (%s h)", (zone, _date, from, to, hours) => {
    const cal = nights(zone);
    expect(iso(clockStart(cal, at(from) - 6 * HOUR))).toBe(iso(at(from)));
    expect(iso(addBusinessTime(cal, at(from), hours * HOUR))).toBe(iso(at(to)));
    expect(businessTimeBetween(cal, at(from) - 6 * HOUR, at(to) + 6 * HOUR)).toBe(hours * HOUR);
    expect(clockSegments(cal, at(from) - HOUR, at(to) + HOUR).map((s) => s.kind)).toEqual([
      "closed",
      "counted",
      "closed",
    ]);
  });

  it("Santiago changes its clocks at midnight", () => {
    const santiago = calendar({ zone: "America/Santiago", days: ["00:00-02:00", "22:00-24:00"] });
    // Saturday 2026-04-04 22:00-24:00 at -03, 23:00-24:00 again at -04, then Sunday 00:00-02:00 at -04.
    expect(businessTimeBetween(santiago, at("2026-04-04T12:00:00Z"), at("2026-04-05T12:00:00Z"))).toBe(
      5 * HOUR,
    );
    expect(iso(addBusinessTime(santiago, at("2026-04-05T00:00:00Z"), 5 * HOUR))).toBe(
      "2026-04-05T06:00:00.000Z",
    );
    expect(clockSegments(santiago, at("2026-04-05T00:00:00Z"), at("2026-04-05T07:00:00Z"))).toEqual([
      { kind: "closed", from: at("2026-04-05T00:00:00Z"), to: at("2026-04-05T01:00:00Z") },
      { kind: "counted", from: at("2026-04-05T01:00:00Z"), to: at("2026-04-05T06:00:00Z") },
      { kind: "closed", from: at("2026-04-05T06:00:00Z"), to: at("2026-04-05T07:00:00Z") },
    ]);
    // Saturday 2026-09-05 22:00-24:00 at -04; Sunday starts at 01:00 (-03), so only 01:00-02:00 of it happens.
    expect(businessTimeBetween(santiago, at("2026-09-05T12:00:00Z"), at("2026-09-06T12:00:00Z"))).toBe(
      3 * HOUR,
    );
    expect(iso(addBusinessTime(santiago, at("2026-09-06T00:00:00Z"), 3 * HOUR))).toBe(
      "2026-09-06T05:00:00.000Z",
    );
  });

  it("an opening inside the skipped hour does not happen that day", () => {
    const skipped = calendar({ zone: "Europe/Berlin", weekdays: ["02:00-03:00"], days: ["02:00-03:00"] });
    expect(iso(clockStart(skipped, at("2026-03-28T02:00:00Z")))).toBe("2026-03-30T00:00:00.000Z");
    expect(businessTimeBetween(skipped, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))).toBe(0);
  });

  it("a 9-to-5 deadline across a DST weekend follows the new offset", () => {
    expect(iso(addBusinessTime(nineToFive("Europe/Berlin"), at("2026-03-27T15:00:00Z"), 2 * HOUR))).toBe(
      "2026-03-30T08:00:00.000Z",
    );
    expect(iso(addBusinessTime(nineToFive("America/New_York"), at("2026-10-30T20:00:00Z"), 2 * HOUR))).toBe(
      "2026-11-02T15:00:00.000Z",
    );
  });

  it("follows half-hour zones", () => {
    // 09:00 in Kolkata (+05:30) is 03:30Z.
    const kolkata = nineToFive("Asia/Kolkata");
    expect(iso(clockStart(kolkata, at("2026-03-02T03:00:00Z")))).toBe("2026-03-02T03:30:00.000Z");
    expect(iso(addBusinessTime(kolkata, at("2026-03-02T03:00:00Z"), 2 * HOUR))).toBe(
      "2026-03-02T05:30:00.000Z",
    );
  });
});

describe("the 24/7 calendar", () => {
  it("is plain arithmetic", () => {
    const t = at("2026-03-29T00:30:00Z");
    expect(isAlwaysOpen(ALWAYS_OPEN)).toBe(true);
    expect(clockStart(ALWAYS_OPEN, t)).toBe(t);
    expect(addBusinessTime(ALWAYS_OPEN, t, 2 * HOUR)).toBe(t + 2 * HOUR);
    expect(businessTimeBetween(ALWAYS_OPEN, t, t + 90 * MIN)).toBe(90 * MIN);
    expect(clockSegments(ALWAYS_OPEN, t, t + HOUR)).toEqual([{ kind: "counted", from: t, to: t + HOUR }]);
  });

  it("is any calendar open all day every day, in any zone, without holidays", () => {
    const whole = calendar({
      zone: "Europe/Berlin",
      weekdays: ["00:00-12:00", "12:00-24:00"],
      days: ["00:00-24:00"],
    });
    expect(isAlwaysOpen(whole)).toBe(true);
    expect(isAlwaysOpen({ ...whole, holidays: new Map([["2026-12-25", "Christmas Day"]]) })).toBe(false);
    expect(isAlwaysOpen(berlin)).toBe(false);
  });
});
