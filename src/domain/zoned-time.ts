/** Wall-clock parts of an instant in an IANA time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

/** `YYYY-MM-DD` of `ms` in `timeZone`, shifted by `days`. */
export function localDate(ms: number, timeZone: string, days = 0): string {
  const p = localParts(ms, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day + days)).toISOString().slice(0, 10);
}

/** The instant a local date starts in `timeZone` (its first existing minute, also on DST days). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall;
  // The zone's offset at the guess moves the guess; twice settles it, also across an offset change.
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const offset =
      Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(guess / 60_000) * 60_000;
    guess = wall - offset;
  }
  return guess;
}

/** Weekdays Monday first, as the breakdowns name them. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** The local weekday (0 Monday … 6 Sunday) and hour (0–23) of `ms` in `timeZone`. */
export function weekdayHour(ms: number, timeZone: string): { weekday: number; hour: number } {
  const p = localParts(ms, timeZone);
  const sundayFirst = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { weekday: (sundayFirst + 6) % 7, hour: p.hour };
}
