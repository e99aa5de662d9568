import type Database from "better-sqlite3";
import type { AccountLookup } from "../domain/attribution.js";
import type { Conversation, DeriveRules, ThreadItem } from "../domain/conversations.js";
import { compareByTime } from "../domain/order.js";
import { matchPolicy, type PolicySet } from "../domain/policy.js";
import { extendThread } from "../domain/thread-tail.js";
import { fromRawConversationRow, type RawConversationRow } from "./conversation-rows.js";
import type { PolicyStore } from "./policy-store.js";

interface TailRow {
  id: string;
  at: number;
  kind: string;
}

/**
 * The write path's shortcut for events at the end of a thread that was stored before the batch: it reads
 * the thread's conversations and its last few messages, never the whole thread (see `extendThread`), so a
 * long thread costs about what a short one does.
 */
export class ThreadTails {
  private readonly q;

  constructor(
    sqlite: Database.Database,
    private readonly policies: PolicyStore,
  ) {
    this.q = {
      lastPk: sqlite.prepare("SELECT coalesce(max(pk), 0) FROM messages").pluck(),
      conversations: sqlite.prepare("SELECT * FROM conversations WHERE thread_id = ?"),
      // Newest first through `messages_thread` (thread, time); messages of the current batch are skipped.
      tail: sqlite.prepare(
        "SELECT id, at, kind FROM messages WHERE thread_id = ? AND pk <= ? ORDER BY at DESC",
      ),
    };
  }

  /** The last message row stored before a batch: rows after it are the batch's own. */
  lastPk(): number {
    return this.q.lastPk.get() as number;
  }

  /**
   * Adds `appended` (stored in this batch, after `lastPk`) to `thread` when they all come after its
   * stored items, writing the changed conversations with `write` (with the stored row of one it updates).
   * False when the thread must be derived whole instead.
   */
  extend(
    thread: number,
    appended: readonly ThreadItem[],
    lastPk: number,
    accounts: AccountLookup,
    write: (conversation: Conversation, policySet: number, stored: RawConversationRow | null) => void,
  ): boolean {
    const tail = this.storedTail(thread, lastPk);
    if (!tail) return false;
    const items = [...appended].sort(compareByTime);
    const first = items[0];
    if (!first || tail.latest.some((row) => compareByTime(first, row) <= 0)) return false;
    const current = this.policies.current;
    const stored = (this.q.conversations.all(thread) as RawConversationRow[]).map((row) => ({
      row,
      conversation: fromRawConversationRow(row),
      set: this.policies.set(row.policy_set) ?? current,
    }));
    let windowSet: PolicySet = current;
    for (const { set } of stored) if (set.id < windowSet.id) windowSet = set;
    let last: (typeof stored)[number] | null = null;
    for (const entry of stored) {
      const key = (c: Conversation) => ({ at: c.startedAt, id: c.firstMessageId });
      if (!last || compareByTime(key(entry.conversation), key(last.conversation)) > 0) last = entry;
    }
    const lastId = last?.conversation.id;
    const rules: DeriveRules = {
      windowMs: windowSet.windowMs,
      policyFor: (facts, id) => matchPolicy(id === lastId && last ? last.set : current, facts),
    };
    const change = extendThread(last?.conversation ?? null, tail.lastMessageAt, items, rules, accounts);
    if (!change) return false;
    if (change.updated && last) write(change.updated, last.set.id, last.row);
    for (const conversation of change.added) write(conversation, current.id, null);
    return true;
  }

  /** The thread's latest stored items (all those at its latest time) and the time of its last message. */
  private storedTail(
    thread: number,
    lastPk: number,
  ): { latest: TailRow[]; lastMessageAt: number | null } | null {
    const latest: TailRow[] = [];
    let lastMessageAt: number | null = null;
    for (const row of this.q.tail.iterate(thread, lastPk) as Iterable<TailRow>) {
      const first = latest[0];
      if (!first || row.at === first.at) latest.push(row);
      if (lastMessageAt === null && row.kind === "message") lastMessageAt = row.at;
      if (lastMessageAt !== null && first && row.at < first.at) break;
    }
    return latest.length === 0 ? null : { latest, lastMessageAt };
  }
}
