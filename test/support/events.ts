import type { MessageEvent, ThreadActionEvent } from "../../src/domain/event.js";

export const T0 = Date.parse("2026-03-02T09:00:00Z");
export const MIN = 60_000;
export const HOUR = 3_600_000;

/** An inbound customer message `minutes` after T0. */
export function inbound(id: string, minutes: number, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return message(id, minutes, { direction: "inbound", author: "cust1", ...overrides });
}

/** An outbound brand reply `minutes` after T0. */
export function outbound(id: string, minutes: number, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return message(id, minutes, { direction: "outbound", author: "AcmeHelp", ...overrides });
}

export function message(id: string, minutes: number, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    type: "message",
    source: "api",
    id,
    direction: "inbound",
    author: "cust1",
    at: T0 + minutes * MIN,
    account: null,
    inReplyTo: null,
    links: [],
    conversation: null,
    text: null,
    automated: false,
    ...overrides,
  };
}

export function action(
  type: "resolve" | "reopen",
  id: string,
  minutes: number,
  overrides: Partial<ThreadActionEvent> = {},
): ThreadActionEvent {
  return {
    type,
    source: "api",
    id,
    at: T0 + minutes * MIN,
    author: "agent",
    inReplyTo: null,
    conversation: null,
    ...overrides,
  };
}
