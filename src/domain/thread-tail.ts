import type { AccountLookup } from "./attribution.js";
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
 * Whether an item joining a conversation leaves the facts its policy was chosen by as they are: its
 * attribution (the first human reply, or the first account named when nothing else attributes it), its
 * tags and its priority.
 */
function keepsFacts(conversation: Conversation, item: ThreadItem): boolean {
  if (item.type !== "message") return true;
  if (item.priority && item.priority !== conversation.priority) return false;
  if (item.tags?.some((tag) => !conversation.tags.includes(tag))) return false;
  if (item.direction === "outbound" && !item.automated && conversation.accountBasis !== "responder") {
    return false;
  }
  const named = item.account ?? (item.direction === "outbound" ? item.author : null);
  return !(conversation.accountBasis === "none" && named !== null);
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
  const policy = last
    ? rules.policyFor(
        { account: last.account, source: last.source, tags: last.tags, priority: last.priority },
        last.id,
      )
    : null;
  if (last && policy && (policy.name !== last.policy || policy.version !== last.policyVersion)) return null;
  const state = last ? clocksOf(last) : null;
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
    if (!last || !state || !policy) continue;
    if (!keepsFacts(last, item)) return null;
    stepClocks(state, item, policy);
    changed = true;
  }
  const updated =
    changed && last && state && policy ? { ...last, ...measuresOf(last.startedAt, state, policy) } : null;
  return { updated, added };
}
