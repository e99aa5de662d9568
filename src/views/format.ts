/**
 * Display formatting shared by the pages. Times are shown in UTC, except a conversation's target clocks,
 * which are shown in their calendar's zone; the pages say which.
 */

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** `2 Mar, 09:00` (UTC). */
export function shortTime(ms: number | string): string {
  return timeFormat.format(new Date(ms));
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `Mon 2 Mar, 16:30` in an IANA zone (a calendar's): the weekday shows why business hours count or not.
 * The zones come from validated calendars.
 */
export function zonedTime(ms: number | string, timeZone: string): string {
  let format = zonedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    zonedFormats.set(timeZone, format);
  }
  return format.format(new Date(ms));
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A countdown with seconds, so it visibly moves: `2h 05m 12s`, `5m 03s`, `12s`, `3d 04h`. The page
 * script (status-script.ts) formats the same way, so the first tick does not change the layout.
 */
export function countdownText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** `overdue 1h 05m 00s` or `1h 05m 00s left`. */
export function timeLeftText(dueMs: number, now: number): string {
  const left = dueMs - now;
  return left < 0 ? `overdue ${countdownText(left)}` : `${countdownText(left)} left`;
}

/** A rate as a percentage with one decimal, or an en dash when there is nothing to measure. */
export function percent(value: number | null): string {
  return value === null ? "–" : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}
