import type Database from "better-sqlite3";
import type { ThreadItem } from "../domain/conversations.js";
import { type MessageItemRow, toThreadItem } from "./thread-store.js";

/** Every stored thread's items, one thread at a time, in a single ordered pass (read-only). */
export function* scanThreads(sqlite: Database.Database): Generator<ThreadItem[]> {
  const rows = sqlite
    .prepare(
      `SELECT kind, source, id, direction, author, account, at, text, automated, thread_id
       FROM messages ORDER BY thread_id`,
    )
    .iterate() as Iterable<MessageItemRow & { thread_id: number }>;
  let current: ThreadItem[] = [];
  let thread: number | null = null;
  for (const row of rows) {
    if (row.thread_id !== thread && current.length > 0) {
      yield current;
      current = [];
    }
    thread = row.thread_id;
    current.push(toThreadItem(row));
  }
  if (current.length > 0) yield current;
}
