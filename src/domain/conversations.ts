import { type AccountBasis, type AccountLookup, attributeAccount, mentionedHandles } from "./attribution.js";
import { measuresOf, runClocks } from "./clocks.js";
import type { Direction, MessageEvent, ThreadActionEvent } from "./event.js";
import { compareByTime } from "./order.js";
import type { PolicyFacts, SlaPolicy } from "./policy.js";

export { type FollowUp, isResponse, runClocks } from "./clocks.js";

export type ThreadMessage = Pick<
  MessageEvent,
  "type" | "source" | "id" | "direction" | "author" | "at" | "account" | "text" | "automated"
> &
  Pick<MessageEvent, "tags" | "priority" | "private">;
export type ThreadAction = Pick<ThreadActionEvent, "type" | "id" | "at">;
export type ThreadItem = ThreadMessage | ThreadAction;

/** A conversation as derived from its thread; whether it is breaching or resolved is decided later from `now`. */
export interface Conversation {
  /** `source:firstMessageId`: stable whatever the arrival order. */
  id: string;
  source: string;
  firstMessageId: string;
  customer: string;
  account: string;
  accountBasis: AccountBasis;
  /** Handles mentioned in the first inbound text, kept so attribution can be redone when accounts become known. */
  mentions: string[];
  excerpt: string | null;
  /** Tags given on any of its messages, sorted. */
  tags: string[];
  /** The last priority given on its messages. */
  priority: string | null;
  /** The policy it is measured with, and that policy's version. */
  policy: string;
  policyVersion: number;
  startedAt: number;
  /** First-response deadline: the target added to the start in the policy calendar's business time. */
  dueAt: number;
  /** When the first-response warning is due (its share of the target, in business time). */
  warnAt: number;
  firstResponseAt: number | null;
  firstResponseId: string | null;
  responder: string | null;
  /** Time to first response in the calendar's business time (beside the calendar time). */
  ttfrBusinessMs: number | null;
  /** Customer follow-ups after a response that got their next response, and how many within the target. */
  nextAnswered: number;
  nextWithin: number;
  /** A follow-up still waiting for the next response: since when, and its deadline. */
  nextPendingSince: number | null;
  nextDueAt: number | null;
  /** Resolution deadline, when the policy has a resolution target. */
  resolutionDueAt: number | null;
  touches: number;
  messageCount: number;
  /** Time and side of the last human (non-automated) message. */
  lastAt: number;
  lastDirection: Direction;
  /** Time of an explicit resolve still in effect (no later reopen or customer message). */
  resolvedAt: number | null;
  /**
   * The earliest warning point and the latest deadline of the clocks still running (first response, a
   * follow-up's next response, resolution); null when none runs. The breach scan reads only these rows,
   * and in storage sets `alertUntil` to null once every alert a conversation can get has been raised.
   */
  alertFrom: number | null;
  alertUntil: number | null;
}

/** How a thread is split and measured: the inactivity window and the policy each conversation falls under. */
export interface DeriveRules {
  windowMs: number;
  /** The policy for a conversation with these facts (its id lets a caller keep an earlier choice). */
  policyFor(facts: PolicyFacts, conversationId: string): SlaPolicy;
}

const noAccounts: AccountLookup = () => undefined;

/**
 * Splits one thread into conversations (the metric definitions in README): order by time (ties by id),
 * ignore outbound messages before the first inbound, start a new conversation at a (human) inbound message
 * that comes more than `W` after the thread's previous message, and assign each resolve or reopen to the
 * conversation in progress at its time. Each conversation is then measured under the policy it matches.
 */
export function deriveConversations(
  items: readonly ThreadItem[],
  rules: DeriveRules,
  accounts: AccountLookup = noAccounts,
): Conversation[] {
  const groups: ThreadItem[][] = [];
  let current: ThreadItem[] | null = null;
  let previousMessageAt: number | null = null;
  for (const item of [...items].sort(compareByTime)) {
    if (item.type !== "message") {
      current?.push(item);
      continue;
    }
    // An automated inbound message (a customer's auto-reply) asks for nothing: it never opens a conversation.
    const startsNew =
      item.direction === "inbound" &&
      !item.automated &&
      (current === null || (previousMessageAt !== null && item.at - previousMessageAt > rules.windowMs));
    previousMessageAt = item.at;
    if (startsNew) {
      current = [item];
      groups.push(current);
    } else {
      current?.push(item);
    }
  }
  return groups.map((group) => summarize(group, rules, accounts));
}

function summarize(group: ThreadItem[], rules: DeriveRules, accounts: AccountLookup): Conversation {
  const first = group[0] as ThreadMessage;
  const id = `${first.source}:${first.id}`;
  // What the policy is chosen by does not depend on the policy: the first human reply, tags, priority.
  let humanReply: ThreadMessage | null = null;
  let ingestAccount: string | null = null;
  const tags = new Set<string>();
  let priority: string | null = null;
  for (const item of group) {
    if (item.type !== "message") continue;
    ingestAccount ??= accountOf(item);
    for (const tag of item.tags ?? []) tags.add(tag);
    priority = item.priority ?? priority;
    if (!item.automated && item.direction === "outbound") humanReply ??= item;
  }
  const mentions = mentionedHandles(first.text);
  const attribution = attributeAccount({
    responderAccount: humanReply ? accountOf(humanReply) : null,
    mentions,
    ingestAccount,
    lookup: accounts,
  });
  const sortedTags = [...tags].sort();
  const policy = rules.policyFor(
    { account: attribution.account, source: first.source, tags: sortedTags, priority },
    id,
  );
  const clocks = measuresOf(first.at, runClocks(group, policy), policy);
  return {
    id,
    source: first.source,
    firstMessageId: first.id,
    customer: first.author,
    account: attribution.account,
    accountBasis: attribution.basis,
    mentions,
    excerpt: first.text,
    tags: sortedTags,
    priority,
    policy: policy.name,
    policyVersion: policy.version,
    startedAt: first.at,
    ...clocks,
  };
}

/** The account a message names: given at ingest, or for an outbound message its sender. */
function accountOf(message: ThreadMessage): string | null {
  return message.account ?? (message.direction === "outbound" ? message.author : null);
}
