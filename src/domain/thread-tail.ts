import { type AccountLookup, attributeAccount } from "./attribution.js";
import { type ClockState, measuresOf, stepClocks } from "./clocks.js";
import {
  type Conversation,
  type DeriveRules,
  deriveConversations,
  type ThreadItem,
} from "./conversations.js";

/** A stored conversation's clocks, as `runClocks` left them after its last item. */
export function clocksOf(conversation: Conversation): ClockState {
  const c = conversation;
  return {
    firstResponse:
      c.firstResponseAt === null
        ? null
        : { at: c.firstResponseAt, id: c.firstResponseId ?? "", author: c.responder ?? "" },
    touches: c.touches,
    messageCount: c.messageCount,
    last: { at: c.lastAt, direction: c.lastDirection },
    resolvedAt: c.resolvedAt,
    nextAnswered: c.nextAnswered,
    nextWithin: c.nextWithin,
    pending:
      c.nextPendingSince === null || c.nextDueAt === null
        ? null
        : { since: c.nextPendingSince, due: c.nextDueAt, answeredAt: null, resolvedAt: null },
  };
}

/**
 * The conversation with an item joined, as far as the facts its policy was chosen by go: its attribution
 * (the first human reply, or the first account named when nothing else attributes it), its tags and its
 * priority. The same conversation when the item leaves them as they are, attributed to the responder
 * when it is the first human reply; null (derive the thread whole) when it changes the tags, the
 * priority or an attribution by no one, or is a first reply naming no one.
 */
function withFacts(
  conversation: Conversation,
  item: ThreadItem,
  accounts: AccountLookup,
): Conversation | null {
  if (item.type !== "message") return conversation;
  if (item.priority && item.priority !== conversation.priority) return null;
  if (item.tags?.some((tag) => !conversation.tags.includes(tag))) return null;
  const named = item.account ?? (item.direction === "outbound" ? item.author : null);
  if (item.direction === "outbound" && !item.automated && conversation.accountBasis !== "responder") {
    // A reply naming no one is still the first reply, which leaves the attribution to the mentions.
    if (!named) return null;
    const attribution = attributeAccount({
      responderAccount: named,
      mentions: [],
      ingestAccount: null,
      lookup: accounts,
    });
    return { ...conversation, account: attribution.account, accountBasis: attribution.basis };
  }
  return conversation.accountBasis === "none" && named !== null ? null : conversation;
}

/** What items at a thread's end change: its last conversation carried on, and conversations they start. */
export interface TailChange {
  updated: Conversation | null;
  added: Conversation[];
}

/**
 * Adds items that come after every item of a thread (sorted by time, ties by id) without reading the
 * thread again: conversations are split on silences longer than `W`, so such items can only join the
 * thread's last conversation or start new ones. `last` is that conversation as stored, `lastMessageAt` the
 * time of the thread's last message (either side, automated too). The result equals `deriveConversations`
 * over the whole thread, or is null where the items could change what was decided from earlier ones (the
 * facts that chose the policy, or a policy no longer matched the same way): derive the thread whole then.
 */
export function extendThread(
  last: Conversation | null,
  lastMessageAt: number | null,
  items: readonly ThreadItem[],
  rules: DeriveRules,
  accounts: AccountLookup,
): TailChange | null {
  const policyOf = (c: Conversation) =>
    rules.policyFor({ account: c.account, source: c.source, tags: c.tags, priority: c.priority }, c.id);
  const policy = last ? policyOf(last) : null;
  if (last && policy && (policy.name !== last.policy || policy.version !== last.policyVersion)) return null;
  const state = last ? clocksOf(last) : null;
  // The last conversation with the facts the items bring (a first reply attributes it to its responder).
  let facts = last;
  let previousMessageAt = lastMessageAt;
  let changed = false;
  let added: Conversation[] = [];
  for (const [index, item] of items.entries()) {
    if (item.type === "message") {
      const startsNew =
        item.direction === "inbound" &&
        !item.automated &&
        (last === null || (previousMessageAt !== null && item.at - previousMessageAt > rules.windowMs));
      if (startsNew) {
        // From here on the items form conversations of their own, split as the whole thread would be.
        added = deriveConversations(items.slice(index), rules, accounts);
        break;
      }
      previousMessageAt = item.at;
    }
    // Before the thread's first conversation, items belong to none.
    if (!facts || !state || !policy) continue;
    const joined = withFacts(facts, item, accounts);
    if (!joined) return null;
    if (joined !== facts) {
      // Measured on under the same policy only: another one would move every deadline.
      const next = policyOf(joined);
      if (next.name !== policy.name || next.version !== policy.version) return null;
      facts = joined;
    }
    stepClocks(state, item, policy);
    changed = true;
  }
  const updated =
    changed && facts && state && policy ? { ...facts, ...measuresOf(facts.startedAt, state, policy) } : null;
  return { updated, added };
}
