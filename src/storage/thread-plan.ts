/**
 * How one event joins the stored threads, shared by the SQLite and D1 thread stores: the decisions are made
 * in memory against the batch's `BatchLinks`; the writes go through `ThreadWrites`, which the Node store runs
 * at once inside its transaction and the D1 store collects into one `db.batch`.
 */
import type { ThreadItem } from "../domain/conversations.js";
import type { SlaEvent } from "../domain/event.js";
import { type BatchLinks, refsOf } from "./batch-links.js";
import { toItemOf } from "./thread-items.js";

export type WriteOutcome = "stored" | "duplicate";

/** The columns of a stored message, in the order of `messageParams`. */
export const MESSAGE_COLUMNS = [
  "source",
  "id",
  "kind",
  "direction",
  "author",
  "account",
  "at",
  "in_reply_to",
  "conversation_ref",
  "text",
  "automated",
  "tags",
  "priority",
  "private",
  "thread_id",
  "received_at",
] as const;

export const INSERT_MESSAGE_SQL = `INSERT INTO messages (${MESSAGE_COLUMNS.join(", ")})
  VALUES (${MESSAGE_COLUMNS.map(() => "?").join(", ")})`;

export const INSERT_LINK_SQL =
  "INSERT OR IGNORE INTO message_links (source, ref_id, message_id) VALUES (?, ?, ?)";
export const MOVE_MESSAGES_SQL = "UPDATE messages SET thread_id = ? WHERE thread_id = ?";
export const MOVE_CONVERSATIONS_SQL = "UPDATE conversations SET thread_id = ? WHERE thread_id = ?";

/** The parameters of `INSERT_MESSAGE_SQL` for an event stored in `thread`. */
export function messageParams(event: SlaEvent, thread: number, receivedAt: number) {
  const message = event.type === "message" ? event : null;
  return [
    event.source,
    event.id,
    event.type,
    message?.direction ?? null,
    event.author,
    message?.account ?? null,
    event.at,
    event.inReplyTo,
    event.conversation,
    message?.text ?? null,
    message?.automated ? 1 : 0,
    message?.tags?.length ? message.tags.join(" ") : null,
    message?.priority ?? null,
    message?.private ? 1 : 0,
    thread,
    receivedAt,
  ] as const;
}

/** The writes an event makes; each store runs or collects them. */
export interface ThreadWrites {
  /** Moves thread `from`'s messages and conversations into `into`. */
  moveThread(into: number, from: number): void;
  insertMessage(event: SlaEvent, thread: number): void;
  /** A brand account seen sending (learned from outbound messages). */
  rememberAccount(name: string): void;
}

/** One batch of events on its way in. */
export interface Batch {
  /** Threads changed by this batch; their items when the thread was created in this batch, else null. */
  dirty: Map<number, ThreadItem[] | null>;
  /** A thread id for a new thread. */
  newThread: () => number;
  links: BatchLinks;
  /** Links to messages not stored yet (after this event). */
  dangling: Array<{ source: string; ref: string; id: string }>;
  /** Stored threads this batch touched (before any join), for a store that reads them back afterwards. */
  touched: Set<number>;
  /**
   * Per thread stored before the batch: the items it gained, or null once threads were joined (it is then
   * derived whole). Kept for a store that carries a thread's tail on (see `ThreadTails`).
   */
  appended?: Map<number, ThreadItem[] | null>;
}

/** Places one event: a duplicate, or stored in a thread (joining the threads it links, in memory first). */
export function placeEvent(event: SlaEvent, batch: Batch, writes: ThreadWrites): WriteOutcome {
  const links = batch.links;
  if (links.threadOf(event.source, event.id) !== undefined) return "duplicate";
  const related = new Set<number>();
  const missing: string[] = [];
  for (const ref of refsOf(event)) {
    const thread = links.threadOf(event.source, ref);
    if (thread === undefined) missing.push(ref);
    else related.add(thread);
  }
  for (const thread of links.waitingFor(event.source, event.id)) related.add(thread);
  if (event.conversation) {
    const thread = links.threadOfExplicit(event.source, event.conversation);
    if (thread !== undefined) related.add(thread);
  }

  const thread = related.size > 0 ? Math.min(...related) : batch.newThread();
  // A thread created in this batch is still wholly in memory; any other must be read back to derive it.
  let items: ThreadItem[] | null = [];
  for (const other of related) {
    const known = batch.dirty.get(other);
    if (!known) batch.touched.add(other);
    items = items && known ? items.concat(known) : null;
    if (other === thread) continue;
    // Its conversations move along, so the policy set each was measured with is kept.
    writes.moveThread(thread, other);
    batch.dirty.delete(other);
    batch.appended?.delete(other);
    batch.appended?.set(thread, null);
    links.merge(other, thread);
  }

  writes.insertMessage(event, thread);
  for (const ref of missing) batch.dangling.push({ source: event.source, ref, id: event.id });
  links.stored(event, thread, missing);
  if (event.type === "message" && event.direction === "outbound")
    writes.rememberAccount(event.account ?? event.author);
  const item = toItemOf(event);
  batch.dirty.set(thread, items && [...items, item]);
  if (!items && batch.appended) {
    const appended = batch.appended.get(thread);
    if (appended === undefined) batch.appended.set(thread, [item]);
    else appended?.push(item);
  }
  return "stored";
}
