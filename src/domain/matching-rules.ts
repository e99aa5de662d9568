import type { DeriveRules } from "./conversations.js";
import { matchPolicy, type PolicySet } from "./policy.js";

/** Derive rules that measure every conversation under the first matching policy of one set. */
export function matchingRules(set: PolicySet): DeriveRules {
  return { windowMs: set.windowMs, policyFor: (facts) => matchPolicy(set, facts) };
}
