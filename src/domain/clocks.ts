import { addBusinessTime, businessTimeBetween } from "./calendar.js";
import type { ThreadItem, ThreadMessage } from "./conversations.js";
import type { Direction } from "./event.js";
import type { SlaPolicy, TargetSpec } from "./policy.js";

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
 * Where a conversation's clocks stand after some of its items (in time order): everything the stored
 * measures are made of, so a conversation can be carried on from its stored row by the items after it.
 */
export interface ClockState {
  firstResponse: { at: number; id: string; author: string } | null;
  touches: number;
  messageCount: number;
  /** The last human (non-automated) message. */
  last: { at: number; direction: Direction };
  resolvedAt: number | null;
  nextAnswered: number;
  nextWithin: number;
  /** A follow-up still waiting for its next response. */
  pending: FollowUp | null;
}

/** The clocks before any item but the conversation's first message (an inbound human message). */
export function startClocks(first: ThreadMessage): ClockState {
  return {
    firstResponse: null,
    touches: 0,
    messageCount: 0,
    last: { at: first.at, direction: first.direction },
    resolvedAt: null,
    nextAnswered: 0,
    nextWithin: 0,
    pending: null,
  };
}

/**
 * Carries the clocks over one more item (the next in time order): first response, touches, last message,
 * resolution, and follow-ups (each new one is handed to `onFollowUp`).
 */
export function stepClocks(
  state: ClockState,
  item: ThreadItem,
  policy: SlaPolicy,
  onFollowUp?: (followUp: FollowUp) => void,
): void {
  if (item.type !== "message") {
    state.resolvedAt = item.type === "resolve" ? item.at : null;
    // A resolved conversation waits for nobody: a follow-up still unanswered stops counting.
    if (state.pending && item.type === "resolve") {
      state.pending.resolvedAt = item.at;
      state.pending = null;
    }
    return;
  }
  state.messageCount++;
  if (isResponse(item, policy)) {
    if (state.firstResponse === null) {
      state.firstResponse = { at: item.at, id: item.id, author: item.author };
    } else if (state.pending) {
      state.pending.answeredAt = item.at;
      state.nextAnswered++;
      if (item.at <= state.pending.due) state.nextWithin++;
      state.pending = null;
    }
  }
  if (item.automated) return;
  const next = policy.targets.next_response;
  if (item.direction === "inbound") {
    state.resolvedAt = null;
    // A customer follow-up after the first response starts the next-response clock.
    if (next && state.firstResponse !== null && state.pending === null) {
      state.pending = {
        since: item.at,
        due: addBusinessTime(policy.calendar, item.at, next.targetMs),
        answeredAt: null,
        resolvedAt: null,
      };
      onFollowUp?.(state.pending);
    }
  } else if (state.last.direction === "inbound") state.touches++;
  state.last = { at: item.at, direction: item.direction };
}

/**
 * Runs the policy's clocks over one conversation's items (in time order, its first message first): the
 * first response, touches and last message, and each follow-up's next response.
 */
export function runClocks(group: readonly ThreadItem[], policy: SlaPolicy) {
  const state = startClocks(group[0] as ThreadMessage);
  const followUps: FollowUp[] = [];
  for (const item of group) stepClocks(state, item, policy, (f) => followUps.push(f));
  return { ...state, followUps };
}

/** The stored measures of a conversation started at `start`, from its clocks under its policy. */
export function measuresOf(start: number, state: ClockState, policy: SlaPolicy) {
  const { calendar, targets } = policy;
  const { firstResponse, pending, resolvedAt, last } = state;
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
    nextAnswered: state.nextAnswered,
    nextWithin: state.nextWithin,
    nextPendingSince: pending?.since ?? null,
    nextDueAt: pending?.due ?? null,
    resolutionDueAt: targets.resolution
      ? addBusinessTime(calendar, start, targets.resolution.targetMs)
      : null,
    touches: state.touches,
    messageCount: state.messageCount,
    lastAt: last.at,
    lastDirection: last.direction,
    resolvedAt,
  };
}
