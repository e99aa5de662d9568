import { type AccountBasis, type AccountLookup, attributeAccount, mentionedHandles } from "./attribution.js";
import type { Direction, MessageEvent, ThreadActionEvent } from "./event.js";
import { compareByTime } from "./order.js";
import { dueAt, type SlaPolicy } from "./policy.js";

export type ThreadMessage = Pick<
  MessageEvent,
  "type" | "source" | "id" | "direction" | "author" | "at" | "account" | "text" | "automated"
>;
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
  startedAt: number;
  dueAt: number;
  firstResponseAt: number | null;
  firstResponseId: string | null;
  responder: string | null;
  touches: number;
  messageCount: number;
  /** Time and side of the last human (non-automated) message. */
  lastAt: number;
  lastDirection: Direction;
  /** Time of an explicit resolve still in effect (no later reopen or customer message). */
  resolvedAt: number | null;
}

const noAccounts: AccountLookup = () => undefined;

/**
 * Splits one thread into conversations (the metric definitions in README): order by time (ties by id),
 * ignore outbound messages before the first inbound, start a new conversation at a (human) inbound message
 * that comes more than `W` after the thread's previous message, and assign each resolve or reopen to the
 * conversation in progress at its time.
 */
export function deriveConversations(
  items: readonly ThreadItem[],
  policy: SlaPolicy,
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
      (current === null || (previousMessageAt !== null && item.at - previousMessageAt > policy.windowMs));
    previousMessageAt = item.at;
    if (startsNew) {
      current = [item];
      groups.push(current);
    } else {
      current?.push(item);
    }
  }
  return groups.map((group) => summarize(group, policy, accounts));
}

function summarize(group: ThreadItem[], policy: SlaPolicy, accounts: AccountLookup): Conversation {
  const first = group[0] as ThreadMessage;
  let firstResponse: ThreadMessage | null = null;
  let ingestAccount: string | null = null;
  let touches = 0;
  let messageCount = 0;
  let last: ThreadMessage = first;
  let resolvedAt: number | null = null;
  for (const item of group) {
    if (item.type !== "message") {
      resolvedAt = item.type === "resolve" ? item.at : null;
      continue;
    }
    messageCount++;
    ingestAccount ??= accountOf(item);
    if (item.automated) continue;
    if (item.direction === "inbound") resolvedAt = null;
    else {
      firstResponse ??= item;
      if (last.direction === "inbound") touches++;
    }
    last = item;
  }
  const mentions = mentionedHandles(first.text);
  const attribution = attributeAccount({
    responderAccount: firstResponse ? accountOf(firstResponse) : null,
    mentions,
    ingestAccount,
    lookup: accounts,
  });
  return {
    id: `${first.source}:${first.id}`,
    source: first.source,
    firstMessageId: first.id,
    customer: first.author,
    account: attribution.account,
    accountBasis: attribution.basis,
    mentions,
    excerpt: first.text,
    startedAt: first.at,
    dueAt: dueAt(policy, first.at),
    firstResponseAt: firstResponse?.at ?? null,
    firstResponseId: firstResponse?.id ?? null,
    responder: firstResponse?.author ?? null,
    touches,
    messageCount,
    lastAt: last.at,
    lastDirection: last.direction,
    resolvedAt,
  };
}

/** The account a message names: given at ingest, or for an outbound message its sender. */
function accountOf(message: ThreadMessage): string | null {
  return message.account ?? (message.direction === "outbound" ? message.author : null);
}
