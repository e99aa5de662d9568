import type Database from "better-sqlite3";
import type { ThreadItem } from "../domain/conversations.js";
import { type MessageItemRow, toThreadItem } from "./thread-items.js";

/** One page of a thread scan: whole threads, and how far the scan has come through the thread ids. */
export interface ThreadPage {
  threads: ThreadItem[][];
  /** Thread ids scanned so far, out of `total` (the highest id; merged threads leave gaps). */
  done: number;
  total: number;
}

/**
 * Every stored thread's items, whole threads a page at a time, in thread order (read-only). Each page is
 * read by one query and no statement stays open between pages, so a caller may await between them (other
 * requests use the same connection meanwhile) and memory holds one page, not the database.
 */
export function* scanThreadPages(sqlite: Database.Database, threadsPerPage = 1000): Generator<ThreadPage> {
  const total = sqlite.prepare("SELECT coalesce(max(thread_id), 0) FROM messages").pluck().get() as number;
  const page = sqlite.prepare(
    `SELECT kind, source, id, direction, author, account, at, text, automated, tags, priority, private,
            thread_id
     FROM messages WHERE thread_id > ? AND thread_id <= ? ORDER BY thread_id`,
  );
  for (let after = 0; after < total; after += threadsPerPage) {
    const done = Math.min(after + threadsPerPage, total);
    const rows = page.all(after, done) as Array<MessageItemRow & { thread_id: number }>;
    const threads: ThreadItem[][] = [];
    let thread: number | null = null;
    for (const row of rows) {
      if (row.thread_id !== thread) threads.push([]);
      thread = row.thread_id;
      threads[threads.length - 1]?.push(toThreadItem(row));
    }
    yield { threads, done, total };
  }
}
