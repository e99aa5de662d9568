/** Builds the policy set from the config file's `policies` and `calendars` and the default target. */
import { ALWAYS_OPEN, type Calendar } from "../domain/calendar.js";
import { DEFAULT_RESPONSES, defaultPolicy, type PolicySet, type SlaPolicy } from "../domain/policy.js";
import type { PolicySettings } from "./policy-schema.js";

export interface PolicyInputs {
  policies: PolicySettings[];
  calendars: Record<string, Calendar>;
  /** The default policy's first-response target and every target's default warning share. */
  targetMs: number;
  warningShare: number;
  windowMs: number;
}

/**
 * The configured policies in order; when none of them matches everything, the default policy (24/7, first
 * response within the target) is added last. Calendar names were checked by the file schema.
 */
export function policySet(inputs: PolicyInputs): PolicySet {
  const policies = inputs.policies.map((p) => toPolicy(p, inputs));
  if (!policies.some((p) => Object.keys(p.match).length === 0)) {
    policies.push(defaultPolicy(inputs.targetMs, inputs.warningShare));
  }
  return { id: 0, windowMs: inputs.windowMs, policies };
}

function toPolicy(settings: PolicySettings, inputs: PolicyInputs): SlaPolicy {
  const spec = (t: { targetMs: number; warningShare: number | null } | undefined) =>
    t ? { targetMs: t.targetMs, warningShare: t.warningShare ?? inputs.warningShare } : null;
  const calendar = settings.calendar ? inputs.calendars[settings.calendar] : undefined;
  return {
    name: settings.name,
    version: 0,
    match: settings.match ?? {},
    calendar: calendar ?? ALWAYS_OPEN,
    targets: {
      first_response: spec(settings.targets.first_response) ?? {
        targetMs: inputs.targetMs,
        warningShare: inputs.warningShare,
      },
      next_response: spec(settings.targets.next_response),
      resolution: spec(settings.targets.resolution),
    },
    responses: {
      automated: settings.responses?.automated ?? DEFAULT_RESPONSES.automated,
      privateReplies: settings.responses?.private_replies ?? DEFAULT_RESPONSES.privateReplies,
    },
  };
}
