import { type AccountBasis, type AccountLookup, attributeAccount, mentionedHandles } from "./attribution.js";
import { addBusinessTime, businessTimeBetween } from "./calendar.js";
import type { Direction, MessageEvent, ThreadActionEvent } from "./event.js";
import { compareByTime } from "./order.js";
import type { PolicyFacts, SlaPolicy, TargetSpec } from "./policy.js";

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
   * follow-up's next response, resolution); null when none runs. The breach scan reads only these rows.
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
  const clocks = measureClocks(group, policy);
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

type Clocks = Omit<
  Conversation,
  | "id"
  | "source"
  | "firstMessageId"
  | "customer"
  | "account"
  | "accountBasis"
  | "mentions"
  | "excerpt"
  | "tags"
  | "priority"
  | "policy"
  | "policyVersion"
  | "startedAt"
>;

/** Whether an outbound message counts as a response under the policy. */
export function isResponse(message: ThreadMessage, policy: SlaPolicy): boolean {
  return (
    message.direction === "outbound" &&
    (!message.automated || policy.responses.automated) &&
    (!message.private || policy.responses.privateReplies)
  );
}

/** A customer follow-up after a response, and the next response it got (or what stopped its clock). */
export interface FollowUp {
  since: number;
  due: number;
  answeredAt: number | null;
  /** The resolve that stopped the clock before any response, if one did. */
  resolvedAt: number | null;
}

/**
 * Runs the policy's clocks over one conversation's items (in time order, its first message first): the
 * first response, touches and last message, and each follow-up's next response.
 */
export function runClocks(group: readonly ThreadItem[], policy: SlaPolicy) {
  const { calendar, targets } = policy;
  const first = group[0] as ThreadMessage;
  let firstResponse: ThreadMessage | null = null;
  let touches = 0;
  let messageCount = 0;
  let last: ThreadMessage = first;
  let resolvedAt: number | null = null;
  const followUps: FollowUp[] = [];
  let pending: FollowUp | null = null;
  for (const item of group) {
    if (item.type !== "message") {
      resolvedAt = item.type === "resolve" ? item.at : null;
      // A resolved conversation waits for nobody: a follow-up still unanswered stops counting.
      if (pending && item.type === "resolve") {
        pending.resolvedAt = item.at;
        pending = null;
      }
      continue;
    }
    messageCount++;
    if (isResponse(item, policy)) {
      if (firstResponse === null) firstResponse = item;
      else if (pending) {
        pending.answeredAt = item.at;
        pending = null;
      }
    }
    if (item.automated) continue;
    if (item.direction === "inbound") {
      resolvedAt = null;
      // A customer follow-up after the first response starts the next-response clock.
      if (targets.next_response && firstResponse !== null && pending === null) {
        const since = item.at;
        pending = {
          since,
          due: addBusinessTime(calendar, since, targets.next_response.targetMs),
          answeredAt: null,
          resolvedAt: null,
        };
        followUps.push(pending);
      }
    } else if (last.direction === "inbound") touches++;
    last = item;
  }
  return { firstResponse, touches, messageCount, last, resolvedAt, followUps, pending };
}

/** The stored measures of one conversation under its policy. */
function measureClocks(group: ThreadItem[], policy: SlaPolicy): Clocks {
  const { calendar, targets } = policy;
  const first = group[0] as ThreadMessage;
  const { firstResponse, touches, messageCount, last, resolvedAt, followUps, pending } = runClocks(
    group,
    policy,
  );
  const answered = followUps.filter((f) => f.answeredAt !== null);
  const start = first.at;
  const clock = (since: number, spec: TargetSpec) => ({
    warnAt: addBusinessTime(calendar, since, Math.floor(spec.targetMs * spec.warningShare)),
    due: addBusinessTime(calendar, since, spec.targetMs),
  });
  const firstClock = clock(start, targets.first_response);
  const running: Array<{ warnAt: number; due: number }> = [];
  if (firstResponse === null && resolvedAt === null) running.push(firstClock);
  if (pending && targets.next_response) running.push(clock(pending.since, targets.next_response));
  if (targets.resolution && resolvedAt === null && last.direction === "inbound") {
    running.push(clock(start, targets.resolution));
  }
  return {
    dueAt: firstClock.due,
    warnAt: firstClock.warnAt,
    alertFrom: running.length === 0 ? null : Math.min(...running.map((r) => r.warnAt)),
    alertUntil: running.length === 0 ? null : Math.max(...running.map((r) => r.due)),
    firstResponseAt: firstResponse?.at ?? null,
    firstResponseId: firstResponse?.id ?? null,
    responder: firstResponse?.author ?? null,
    ttfrBusinessMs: firstResponse ? businessTimeBetween(calendar, start, firstResponse.at) : null,
    nextAnswered: answered.length,
    nextWithin: answered.filter((f) => (f.answeredAt as number) <= f.due).length,
    nextPendingSince: pending?.since ?? null,
    nextDueAt: pending?.due ?? null,
    resolutionDueAt: targets.resolution
      ? addBusinessTime(calendar, start, targets.resolution.targetMs)
      : null,
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
