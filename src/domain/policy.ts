import { ALWAYS_OPEN, type Calendar } from "./calendar.js";

/** The clocks a policy can run on a conversation. */
export type TargetName = "first_response" | "next_response" | "resolution";

export const TARGET_NAMES: readonly TargetName[] = ["first_response", "next_response", "resolution"];

/** One target: how much business time the clock allows, and the share of it after which a warning is due. */
export interface TargetSpec {
  targetMs: number;
  warningShare: number;
}

/** Which conversations a policy applies to: every given criterion must hold, any listed value of one will do. */
export interface PolicyMatch {
  /** Brand accounts, compared case-insensitively. */
  accounts?: readonly string[];
  sources?: readonly string[];
  /** At least one of these tags is on the conversation. */
  tags?: readonly string[];
  priorities?: readonly string[];
}

/** Which outbound messages count as a response under a policy. */
export interface ResponseRules {
  /** Auto-acknowledgements and bot messages count as responses (off by default). */
  automated: boolean;
  /** A private reply (a DM) to a public message counts as a response (on by default). */
  privateReplies: boolean;
}

/** An SLA policy: what it matches, the calendar its clocks run on, its targets and what counts as a response. */
export interface SlaPolicy {
  name: string;
  /** Increases whenever the policy's definition changes; 0 for a policy not yet stored. */
  version: number;
  match: PolicyMatch;
  calendar: Calendar;
  targets: {
    first_response: TargetSpec;
    next_response: TargetSpec | null;
    resolution: TargetSpec | null;
  };
  responses: ResponseRules;
}

/**
 * The policies in force together, in matching order (first match wins; the last one matches everything),
 * and the inactivity window `W` that splits threads into conversations.
 */
export interface PolicySet {
  /** The stored generation of this set; 0 when not stored. */
  id: number;
  windowMs: number;
  policies: readonly SlaPolicy[];
}

/** What a conversation is matched on. */
export interface PolicyFacts {
  account: string;
  source: string;
  tags: readonly string[];
  priority: string | null;
}

export const DEFAULT_TARGET_MS = 2 * 3_600_000;
export const DEFAULT_WINDOW_MS = 72 * 3_600_000;
export const DEFAULT_WARNING_SHARE = 0.75;
export const DEFAULT_RESPONSES: ResponseRules = { automated: false, privateReplies: true };

/** The catch-all policy: 24/7, a first response within the target, nothing else. */
export function defaultPolicy(targetMs = DEFAULT_TARGET_MS, warningShare = DEFAULT_WARNING_SHARE): SlaPolicy {
  return {
    name: "default",
    version: 0,
    match: {},
    calendar: ALWAYS_OPEN,
    targets: { first_response: { targetMs, warningShare }, next_response: null, resolution: null },
    responses: DEFAULT_RESPONSES,
  };
}

/** A set holding the default policy alone (the service without a policy file). */
export function singlePolicySet(targetMs = DEFAULT_TARGET_MS, windowMs = DEFAULT_WINDOW_MS): PolicySet {
  return { id: 0, windowMs, policies: [defaultPolicy(targetMs)] };
}

/** Whether a policy's criteria all hold for a conversation. */
export function policyMatches(match: PolicyMatch, facts: PolicyFacts): boolean {
  if (match.accounts && !match.accounts.some((a) => a.toLowerCase() === facts.account.toLowerCase())) {
    return false;
  }
  if (match.sources && !match.sources.includes(facts.source)) return false;
  if (match.tags && !match.tags.some((tag) => facts.tags.includes(tag))) return false;
  if (match.priorities && (facts.priority === null || !match.priorities.includes(facts.priority))) {
    return false;
  }
  return true;
}

/** The first policy of the set whose criteria hold (the set's last policy matches everything). */
export function matchPolicy(set: PolicySet, facts: PolicyFacts): SlaPolicy {
  for (const policy of set.policies) if (policyMatches(policy.match, facts)) return policy;
  const last = set.policies[set.policies.length - 1];
  if (!last) throw new Error("a policy set needs at least one policy");
  return last;
}

/** The first-response target of the set's catch-all policy: the headline target shown to users. */
export function headlineTarget(set: PolicySet): TargetSpec {
  const last = set.policies[set.policies.length - 1];
  return last?.targets.first_response ?? { targetMs: DEFAULT_TARGET_MS, warningShare: DEFAULT_WARNING_SHARE };
}

/** The policy sets ever in force: the current one, and earlier ones that conversations were measured with. */
export interface PolicyRegistry {
  readonly current: PolicySet;
  /** A set by id; undefined when unknown (conversations from before policies were versioned). */
  set(id: number): PolicySet | undefined;
}

/** The policy a stored conversation was measured with: by name in its set (the current set when unknown). */
export function policyOf(registry: PolicyRegistry, setId: number, name: string): SlaPolicy {
  const set = registry.set(setId) ?? registry.current;
  const policy =
    set.policies.find((p) => p.name === name) ?? registry.current.policies.find((p) => p.name === name);
  return policy ?? (registry.current.policies[registry.current.policies.length - 1] as SlaPolicy);
}
