import { ALWAYS_OPEN, type Calendar } from "../domain/calendar.js";
import type { SlaPolicy } from "../domain/policy.js";

/** A policy's whole definition (its calendar included) as plain JSON: what is stored and compared. */
export function policyDefinition(policy: SlaPolicy) {
  const { calendar } = policy;
  return {
    match: policy.match,
    calendar: {
      name: calendar.name,
      zone: calendar.zone,
      weekly: calendar.weekly,
      holidays: [...calendar.holidays].sort(),
      overrides: [...calendar.overrides].sort(),
    },
    targets: policy.targets,
    responses: policy.responses,
  };
}

export type PolicyDefinition = ReturnType<typeof policyDefinition>;

/** The stored text of a definition; equal definitions give equal text. */
export const definitionText = (policy: SlaPolicy) => JSON.stringify(policyDefinition(policy));

/** A stored policy version back as a policy. */
export function policyFromDefinition(name: string, version: number, text: string): SlaPolicy {
  const definition = JSON.parse(text) as PolicyDefinition;
  return {
    name,
    version,
    match: definition.match,
    calendar: calendarOf(definition.calendar),
    targets: definition.targets,
    responses: definition.responses,
  };
}

function calendarOf(stored: PolicyDefinition["calendar"]): Calendar {
  if (stored.name === ALWAYS_OPEN.name) return ALWAYS_OPEN;
  return {
    name: stored.name,
    zone: stored.zone,
    weekly: stored.weekly,
    holidays: new Map(stored.holidays),
    overrides: new Map(stored.overrides),
  };
}
