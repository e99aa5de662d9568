/**
 * The `calendars` section of the config file: named business-hours calendars as users write them,
 * checked and turned into domain calendars. Every refusal carries its zod path (so a caller can point
 * at the line) and a message that names the place, e.g. `calendars.office.hours.mon[1]: ...`.
 */
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { ALWAYS_OPEN, type Calendar, type OpeningInterval } from "../domain/calendar.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DEFAULT_HOLIDAY_NAME = "holiday";

const intervalList = z.array(z.string());

/** A calendar as written: a missing (or null) weekday is closed. */
const writtenCalendar = z
  .object({
    zone: z.string(),
    hours: z
      .object(Object.fromEntries(WEEKDAYS.map((day) => [day, intervalList.nullable().optional()])))
      .strict()
      .nullable()
      .optional(),
    holidays: z
      .array(z.union([z.string(), z.object({ date: z.string(), name: z.string().min(1) }).strict()]))
      .optional(),
    overrides: z.array(z.object({ date: z.string(), hours: intervalList }).strict()).optional(),
  })
  .strict();

type WrittenCalendar = z.infer<typeof writtenCalendar>;
type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/**
 * The schema of one calendar named `name`; its messages name the place as `<label>...`, by default
 * `calendars.<name>...` (a calendar on its own, such as a what-if's, is labelled by where it was given).
 */
export const calendarSchema = (name: string, label = `calendars.${name}`) =>
  writtenCalendar.transform((written, ctx) => {
    const calendar = toCalendar(name, written, reporter(label, [], ctx), refused(ctx, ["hours"]));
    return calendar ?? z.NEVER;
  });

/** The `calendars` section: calendar name -> calendar (its `name` is the key). */
export const calendarsSchema = z.record(z.string().min(1), writtenCalendar).transform((record, ctx) => {
  const calendars: Record<string, Calendar> = {};
  for (const [name, written] of Object.entries(record)) {
    const calendar = toCalendar(
      name,
      written,
      reporter(`calendars.${name}`, [name], ctx),
      refused(ctx, [name, "hours"]),
    );
    if (calendar) calendars[name] = calendar;
  }
  return Object.keys(calendars).length === Object.keys(record).length ? calendars : z.NEVER;
});

/** Reports problems at `label` + their place (`label` may be empty: then the place is the whole name). */
function reporter(label: string, base: Path, ctx: z.core.$RefinementCtx): Report {
  return (path, message) => {
    const place = `${label}${path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;
    ctx.addIssue({
      code: "custom",
      path: [...base, ...path],
      message: `${place.replace(/^\./, "")}${place === "" ? "" : ": "}${message}`,
    });
  };
}

/** Whether zod already refused something at `path` (an unknown weekday lets the transform run). */
function refused(ctx: z.core.$RefinementCtx, path: Path): boolean {
  return ctx.issues.some((issue) => path.every((key, i) => issue.path?.[i] === key));
}

/** The domain calendar, or undefined after reporting what is wrong. */
function toCalendar(
  name: string,
  written: WrittenCalendar,
  report: Report,
  hoursRefused: boolean,
): Calendar | undefined {
  let failed = false;
  const fail: Report = (path, message) => {
    failed = true;
    report(path, message);
  };
  if (name === ALWAYS_OPEN.name) {
    fail([], `the name "${name}" is reserved for the built-in calendar that is always open`);
  }
  if (!IANAZone.isValidZone(written.zone)) {
    fail(["zone"], `unknown time zone "${written.zone}"; expected an IANA zone such as Europe/Berlin`);
  }
  const weekly = WEEKDAYS.map((day) => intervals(written.hours?.[day] ?? [], ["hours", day], fail));
  if (!failed && !hoursRefused && weekly.every((day) => day.length === 0)) {
    fail(["hours"], 'no opening hours on any weekday; expected hours such as mon: ["09:00-17:00"]');
  }
  const holidays = new Map<string, string>();
  (written.holidays ?? []).forEach((holiday, i) => {
    const { date, name: label } = typeof holiday === "string" ? { date: holiday, name: undefined } : holiday;
    const path = typeof holiday === "string" ? ["holidays", i] : ["holidays", i, "date"];
    if (!isDate(date, path, fail)) return;
    if (holidays.has(date)) fail(path, `${date} is listed twice`);
    holidays.set(date, label ?? DEFAULT_HOLIDAY_NAME);
  });
  const overrides = new Map<string, ReadonlyArray<OpeningInterval>>();
  (written.overrides ?? []).forEach((override, i) => {
    const hours = intervals(override.hours, ["overrides", i, "hours"], fail);
    if (!isDate(override.date, ["overrides", i, "date"], fail)) return;
    if (overrides.has(override.date)) fail(["overrides", i, "date"], `${override.date} is listed twice`);
    overrides.set(override.date, hours);
  });
  return failed ? undefined : { name, zone: written.zone, weekly, holidays, overrides };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(text: string, path: Path, fail: Report): boolean {
  if (!DATE.test(text)) {
    fail(path, `"${text}" is not a date; expected YYYY-MM-DD such as 2026-12-25`);
    return false;
  }
  if (!DateTime.fromFormat(text, "yyyy-MM-dd", { zone: "utc" }).isValid) {
    fail(path, `${text} is not a date`);
    return false;
  }
  return true;
}

const INTERVAL = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/** Minutes since midnight of `hh:mm`, or undefined when it is not a time (24:00 only as an end). */
function minutes(hours: string | undefined, mins: string | undefined, isEnd: boolean): number | undefined {
  if (hours === undefined || mins === undefined) return undefined;
  const h = Number(hours);
  const m = Number(mins);
  if (m > 59 || h > 24 || (h === 24 && (m > 0 || !isEnd))) return undefined;
  return h * 60 + m;
}

/** One day's intervals, sorted; reports malformed, empty, inverted and overlapping ones. */
function intervals(texts: readonly string[], path: Path, fail: Report): OpeningInterval[] {
  const parsed: Array<{ text: string; at: number; start: number; end: number }> = [];
  texts.forEach((raw, at) => {
    const text = raw.trim();
    const [, h1, m1, h2, m2] = text.match(INTERVAL) ?? [];
    const start = minutes(h1, m1, false);
    const end = minutes(h2, m2, true);
    if (start === undefined || end === undefined) {
      fail([...path, at], `"${raw}" is not an opening interval; expected HH:MM-HH:MM such as 09:00-17:30`);
    } else if (end === start) {
      fail([...path, at], `${text} is empty`);
    } else if (end < start) {
      fail(
        [...path, at],
        `${text} ends before it starts (over midnight, end at 24:00 and go on the next day)`,
      );
    } else {
      parsed.push({ text, at, start, end });
    }
  });
  parsed.sort((a, b) => a.start - b.start);
  // Each interval against the one that reaches furthest among those starting before it.
  let furthest = parsed[0];
  for (const after of parsed.slice(1)) {
    if (furthest && after.start < furthest.end) {
      fail([...path, Math.max(furthest.at, after.at)], `${furthest.text} and ${after.text} overlap`);
    }
    if (!furthest || after.end > furthest.end) furthest = after;
  }
  return parsed.map(({ start, end }) => [start, end] as const);
}
