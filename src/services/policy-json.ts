import type { Calendar, OpeningInterval } from "../domain/calendar.js";
import type { SlaPolicy, TargetSpec } from "../domain/policy.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const hours = (intervals: ReadonlyArray<OpeningInterval>) =>
  intervals.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`);

/** A calendar as the API shows it, in the config file's own terms. */
export function calendarJson(calendar: Calendar) {
  return {
    name: calendar.name,
    zone: calendar.zone,
    hours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, hours(calendar.weekly[i] ?? [])])),
    holidays: [...calendar.holidays].sort().map(([date, name]) => ({ date, name })),
    overrides: [...calendar.overrides].sort().map(([date, intervals]) => ({ date, hours: hours(intervals) })),
  };
}

const targetJson = (spec: TargetSpec | null) =>
  spec === null ? null : { target_ms: spec.targetMs, warning_share: spec.warningShare };

/** A policy as `GET /v1/policies` shows it. */
export function policyJson(policy: SlaPolicy) {
  return {
    name: policy.name,
    version: policy.version,
    match: policy.match,
    calendar: calendarJson(policy.calendar),
    targets: {
      first_response: targetJson(policy.targets.first_response),
      next_response: targetJson(policy.targets.next_response),
      resolution: targetJson(policy.targets.resolution),
    },
    responses: { automated: policy.responses.automated, private_replies: policy.responses.privateReplies },
  };
}
