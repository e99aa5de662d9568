/** Stored messages and incoming events as the items `deriveConversations` reads. */
import type { ThreadItem } from "../domain/conversations.js";
import type { SlaEvent } from "../domain/event.js";

/** A `messages` row as the thread's items are read back. */
export interface MessageItemRow {
  kind: "message" | "resolve" | "reopen";
  source: string;
  id: string;
  direction: "inbound" | "outbound" | null;
  author: string | null;
  account: string | null;
  at: number;
  text: string | null;
  automated: number;
  tags: string | null;
  priority: string | null;
  private: number;
}

/** An incoming event as a thread item (a thread created in a batch is derived without reading it back). */
export function toItemOf(event: SlaEvent): ThreadItem {
  if (event.type !== "message") return { type: event.type, id: event.id, at: event.at };
  const { type, source, id, direction, author, at, account, text, automated, tags, priority } = event;
  return {
    type,
    source,
    id,
    direction,
    author,
    at,
    account,
    text,
    automated,
    tags,
    priority,
    private: event.private,
  };
}

/** A stored message or action as the input of `deriveConversations`. */
export function toThreadItem(row: MessageItemRow): ThreadItem {
  if (row.kind !== "message") return { type: row.kind, id: row.id, at: row.at };
  return {
    type: "message",
    source: row.source,
    id: row.id,
    direction: row.direction ?? "inbound",
    author: row.author ?? "",
    at: row.at,
    account: row.account,
    text: row.text,
    automated: row.automated === 1,
    tags: row.tags ? row.tags.split(" ") : [],
    priority: row.priority,
    private: row.private === 1,
  };
}
