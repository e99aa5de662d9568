import { describe, expect, it } from "vitest";
import { z } from "zod";
import { calendarSchema, calendarsSchema } from "../../src/config/calendar-schema.js";
import { describe as describeIssues } from "../../src/config/config-error.js";

const office = {
  zone: "Europe/Berlin",
  hours: { mon: ["09:00-12:30", "13:30-18:00"], tue: ["09:00-18:00"], sat: [] },
  holidays: ["2026-12-25", { date: "2026-12-26", name: "Boxing Day" }],
  overrides: [{ date: "2026-12-24", hours: ["09:00-12:00"] }],
};

/** The issues of parsing `calendars` inside a file, as `[path, message]`. */
function refusals(calendars: unknown): Array<[string, string]> {
  const parsed = z.object({ calendars: calendarsSchema }).safeParse({ calendars });
  if (parsed.success) throw new Error("expected a refusal");
  return parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("calendarsSchema", () => {
  it("parses a calendar into the domain shape", () => {
    const parsed = calendarsSchema.parse({
      "berlin-office": office,
      late: { zone: "America/New_York", hours: { fri: ["18:00-24:00", "08:00-10:00"], sun: null } },
    });
    expect(parsed).toEqual({
      "berlin-office": {
        name: "berlin-office",
        zone: "Europe/Berlin",
        weekly: [
          [
            [540, 750],
            [810, 1080],
          ],
          [[540, 1080]],
          [],
          [],
          [],
          [],
          [],
        ],
        holidays: new Map([
          ["2026-12-25", "holiday"],
          ["2026-12-26", "Boxing Day"],
        ]),
        overrides: new Map([["2026-12-24", [[540, 720]]]]),
      },
      late: {
        name: "late",
        zone: "America/New_York",
        weekly: [
          [],
          [],
          [],
          [],
          [
            [480, 600],
            [1080, 1440],
          ],
          [],
          [],
        ],
        holidays: new Map(),
        overrides: new Map(),
      },
    });
  });

  it("allows an override on a holiday and touching intervals", () => {
    const parsed = calendarsSchema.parse({
      office: {
        ...office,
        hours: { mon: ["09:00-12:00", "12:00-13:00"] },
        overrides: [{ date: "2026-12-25", hours: [] }],
      },
    });
    expect(parsed.office?.overrides.get("2026-12-25")).toEqual([]);
    expect(parsed.office?.weekly[0]).toEqual([
      [540, 720],
      [720, 780],
    ]);
  });

  it.each([
    {
      name: "an unknown zone",
      calendar: { ...office, zone: "Europe/Berln" },
      path: "calendars.berlin-office.zone",
      message:
        'calendars.berlin-office.zone: unknown time zone "Europe/Berln"; expected an IANA zone such as Europe/Berlin',
    },
    {
      name: "a malformed interval",
      calendar: { ...office, hours: { mon: ["9-17"] } },
      path: "calendars.berlin-office.hours.mon.0",
      message:
        'calendars.berlin-office.hours.mon[0]: "9-17" is not an opening interval; expected HH:MM-HH:MM such as 09:00-17:30',
    },
    {
      name: "a time that does not exist",
      calendar: { ...office, hours: { mon: ["09:00-12:60"] } },
      path: "calendars.berlin-office.hours.mon.0",
      message: expect.stringMatching(/^calendars\.berlin-office\.hours\.mon\[0\]: "09:00-12:60" is not an/),
    },
    {
      name: "24:00 as a start",
      calendar: { ...office, hours: { mon: ["24:00-24:00"] } },
      path: "calendars.berlin-office.hours.mon.0",
      message: expect.stringMatching(/"24:00-24:00" is not an opening interval/),
    },
    {
      name: "an inverted interval",
      calendar: { ...office, hours: { tue: ["09:00-17:00"], wed: ["09:00-08:00"] } },
      path: "calendars.berlin-office.hours.wed.0",
      message: expect.stringMatching(
        /^calendars\.berlin-office\.hours\.wed\[0\]: 09:00-08:00 ends before it starts/,
      ),
    },
    {
      name: "an empty interval",
      calendar: { ...office, hours: { mon: ["09:00-17:00", "18:00-18:00"] } },
      path: "calendars.berlin-office.hours.mon.1",
      message: "calendars.berlin-office.hours.mon[1]: 18:00-18:00 is empty",
    },
    {
      name: "overlapping intervals",
      calendar: { ...office, hours: { fri: ["13:00-18:00", "09:00-12:00", "11:30-12:30"] } },
      path: "calendars.berlin-office.hours.fri.2",
      message: "calendars.berlin-office.hours.fri[2]: 09:00-12:00 and 11:30-12:30 overlap",
    },
    {
      name: "an interval inside another",
      calendar: { ...office, hours: { fri: ["09:00-18:00", "10:00-11:00", "12:00-13:00"] } },
      path: "calendars.berlin-office.hours.fri.2",
      message: "calendars.berlin-office.hours.fri[2]: 09:00-18:00 and 12:00-13:00 overlap",
      more: [
        [
          "calendars.berlin-office.hours.fri.1",
          "calendars.berlin-office.hours.fri[1]: 09:00-18:00 and 10:00-11:00 overlap",
        ],
      ],
    },
    {
      name: "an override with a bad interval",
      calendar: { ...office, overrides: [{ date: "2026-12-24", hours: ["12:00-09:00"] }] },
      path: "calendars.berlin-office.overrides.0.hours.0",
      message: expect.stringMatching(
        /^calendars\.berlin-office\.overrides\[0\]\.hours\[0\]: 12:00-09:00 ends before/,
      ),
    },
    {
      name: "an impossible date",
      calendar: { ...office, holidays: ["2026-12-25", "2026-02-30"] },
      path: "calendars.berlin-office.holidays.1",
      message: "calendars.berlin-office.holidays[1]: 2026-02-30 is not a date",
    },
    {
      name: "Feb 29 of a common year",
      calendar: { ...office, holidays: [{ date: "2027-02-29", name: "Leap Day" }] },
      path: "calendars.berlin-office.holidays.0.date",
      message: "calendars.berlin-office.holidays[0].date: 2027-02-29 is not a date",
    },
    {
      name: "a malformed date",
      calendar: { ...office, overrides: [{ date: "24.12.2026", hours: [] }] },
      path: "calendars.berlin-office.overrides.0.date",
      message:
        'calendars.berlin-office.overrides[0].date: "24.12.2026" is not a date; expected YYYY-MM-DD such as 2026-12-25',
    },
    {
      name: "a duplicate holiday",
      calendar: { ...office, holidays: ["2026-12-25", { date: "2026-12-25", name: "Christmas Day" }] },
      path: "calendars.berlin-office.holidays.1.date",
      message: "calendars.berlin-office.holidays[1].date: 2026-12-25 is listed twice",
    },
    {
      name: "a duplicate override",
      calendar: {
        ...office,
        overrides: [
          { date: "2026-12-24", hours: [] },
          { date: "2026-12-24", hours: ["09:00-10:00"] },
        ],
      },
      path: "calendars.berlin-office.overrides.1.date",
      message: "calendars.berlin-office.overrides[1].date: 2026-12-24 is listed twice",
    },
    {
      name: "no weekly opening",
      calendar: { ...office, hours: { sat: [], sun: null } },
      path: "calendars.berlin-office.hours",
      message: expect.stringMatching(/^calendars\.berlin-office\.hours: no opening hours on any weekday/),
    },
  ])("refuses $name, naming the place", ({ calendar, path, message, more = [] }) => {
    expect(refusals({ "berlin-office": calendar })).toEqual([...more, [path, message]]);
  });

  it("refuses a calendar without hours", () => {
    expect(refusals({ nothing: { zone: "UTC" } })).toEqual([
      ["calendars.nothing.hours", expect.stringMatching(/^calendars\.nothing\.hours: no opening hours/)],
    ]);
  });

  it("refuses to redefine the 24/7 calendar", () => {
    expect(refusals({ "24/7": office })).toEqual([
      [
        "calendars.24/7",
        'calendars.24/7: the name "24/7" is reserved for the built-in calendar that is always open',
      ],
    ]);
  });

  it("refuses unknown fields and weekdays with zod's own path", () => {
    expect(refusals({ office: { ...office, hours: { monday: ["09:00-17:00"] } } })).toEqual([
      ["calendars.office.hours", expect.stringContaining("monday")],
    ]);
  });

  it("reports every problem at once, each as one readable line", () => {
    const parsed = calendarsSchema.safeParse({
      a: { ...office, zone: "Mars/Olympus" },
      b: { ...office, holidays: ["2026-13-01"] },
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(describeIssues(parsed.error, "")).toBe(
      'calendars.a.zone: unknown time zone "Mars/Olympus"; expected an IANA zone such as Europe/Berlin; ' +
        "calendars.b.holidays[0]: 2026-13-01 is not a date",
    );
  });
});

describe("calendarSchema", () => {
  it("parses one calendar under the given name", () => {
    const parsed = calendarSchema("support").parse({ zone: "Asia/Kolkata", hours: { sun: ["10:00-14:00"] } });
    expect(parsed).toMatchObject({
      name: "support",
      zone: "Asia/Kolkata",
      weekly: [[], [], [], [], [], [], [[600, 840]]],
    });
  });

  it("names the place in its messages, with paths relative to the calendar", () => {
    const parsed = calendarSchema("support").safeParse({ zone: "UTC", hours: { mon: ["09:00-08:00"] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      [
        "hours.mon.0",
        expect.stringMatching(/^calendars\.support\.hours\.mon\[0\]: 09:00-08:00 ends before it starts/),
      ],
    ]);
  });
});
