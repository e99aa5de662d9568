/** Placeholder with the calendar API (24/7 semantics only); replaced by the business-hours implementation. */
export type OpeningInterval = readonly [number, number];
export interface Calendar {
  name: string;
  zone: string;
  weekly: ReadonlyArray<ReadonlyArray<OpeningInterval>>;
  holidays: ReadonlyMap<string, string>;
  overrides: ReadonlyMap<string, ReadonlyArray<OpeningInterval>>;
}
const allDay: ReadonlyArray<OpeningInterval> = [[0, 1440]];
export const ALWAYS_OPEN: Calendar = {
  name: "24/7",
  zone: "UTC",
  weekly: [allDay, allDay, allDay, allDay, allDay, allDay, allDay],
  holidays: new Map(),
  overrides: new Map(),
};
export function isAlwaysOpen(calendar: Calendar): boolean {
  return calendar === ALWAYS_OPEN;
}
export function clockStart(_calendar: Calendar, at: number): number {
  return at;
}
export function addBusinessTime(_calendar: Calendar, start: number, durationMs: number): number {
  return start + durationMs;
}
export function businessTimeBetween(_calendar: Calendar, from: number, to: number): number {
  return Math.max(0, to - from);
}
export type ClockSegmentKind = "counted" | "closed" | "holiday";
export interface ClockSegment {
  kind: ClockSegmentKind;
  from: number;
  to: number;
  label?: string;
}
export function clockSegments(_calendar: Calendar, from: number, to: number): ClockSegment[] {
  return to > from ? [{ kind: "counted", from, to }] : [];
}
