import type Database from "better-sqlite3";
import { deriveConversations, type ThreadItem } from "../domain/conversations.js";
import type { SlaEvent } from "../domain/event.js";
import type { SlaPolicy } from "../domain/policy.js";
import { toConversationRow } from "./conversation-rows.js";
import { KnownAccounts } from "./known-accounts.js";

export type WriteOutcome = "stored" | "duplicate";

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
}

/**
 * The write side of ingest on SQLite: stores events idempotently, joins them into threads by reply links
 * in any arrival order, and re-derives each changed thread's conversations, all in one transaction.
 */
export class ThreadStore {
  readonly accounts: KnownAccounts;
  private readonly q;
  private pendingAccounts: string[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly policy: SlaPolicy,
  ) {
    this.accounts = new KnownAccounts(sqlite);
    const p = (sql: string) => sqlite.prepare(sql);
    this.q = {
      exists: p("SELECT 1 FROM messages WHERE source = ? AND id = ?").pluck(),
      threadOf: p("SELECT thread_id FROM messages WHERE source = ? AND id = ?").pluck(),
      threadOfRef: p(
        "SELECT thread_id FROM messages WHERE source = ? AND conversation_ref = ? LIMIT 1",
      ).pluck(),
      threadsReferring: p(
        `SELECT DISTINCT m.thread_id FROM message_links l
         JOIN messages m ON m.source = l.source AND m.id = l.message_id
         WHERE l.source = ? AND l.ref_id = ?`,
      ).pluck(),
      maxThread: p("SELECT coalesce(max(thread_id), 0) FROM messages").pluck(),
      moveThread: p("UPDATE messages SET thread_id = ? WHERE thread_id = ?"),
      insertMessage: p(
        `INSERT INTO messages (source, id, kind, direction, author, account, at, in_reply_to, conversation_ref,
           text, automated, thread_id, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLink: p("INSERT OR IGNORE INTO message_links (source, ref_id, message_id) VALUES (?, ?, ?)"),
      threadItems: p(
        `SELECT kind, source, id, direction, author, account, at, text, automated
         FROM messages WHERE thread_id = ?`,
      ),
      deleteConversations: p("DELETE FROM conversations WHERE thread_id = ?"),
      insertConversation: p(
        `INSERT OR REPLACE INTO conversations (id, thread_id, source, first_message_id, customer, account,
           account_basis, mentions, excerpt, started_at, due_at, first_response_at, first_response_id, responder,
           touches, message_count, last_at, last_direction, resolved_at)
         VALUES (@id, @threadId, @source, @firstMessageId, @customer, @account, @accountBasis, @mentions,
           @excerpt, @startedAt, @dueAt, @firstResponseAt, @firstResponseId, @responder, @touches, @messageCount,
           @lastAt, @lastDirection, @resolvedAt)`,
      ),
      attributable: p(
        `SELECT DISTINCT thread_id, mentions FROM conversations
         WHERE account_basis <> 'responder' AND mentions <> '  '`,
      ),
    };
  }

  /**
   * Stores a batch of valid events in one transaction. With `deferAttribution`, accounts first seen in
   * this batch are kept for `reattribute()` (bulk import) instead of re-attributing older conversations now.
   */
  write(
    events: readonly SlaEvent[],
    receivedAt: number,
    options: { deferAttribution?: boolean } = {},
  ): WriteOutcome[] {
    return this.sqlite.transaction(() => {
      const dirty = new Set<number>();
      const outcomes = events.map((event) => this.writeOne(event, receivedAt, dirty));
      for (const thread of dirty) this.derive(thread);
      if (!options.deferAttribution) this.reattribute();
      return outcomes;
    })();
  }

  /** Adds configured brand accounts; conversations that mention one are attributed on the next `reattribute()`. */
  addAccounts(names: readonly string[], at: number): void {
    for (const name of names) if (this.accounts.remember(name, at)) this.pendingAccounts.push(name);
  }

  /** Re-derives the threads whose unanswered conversations mention an account that became known since. */
  reattribute(): number {
    if (this.pendingAccounts.length === 0) return 0;
    const fresh = new Set(this.pendingAccounts.map((name) => name.toLowerCase()));
    this.pendingAccounts = [];
    const threads = new Set<number>();
    for (const row of this.q.attributable.iterate() as Iterable<{ thread_id: number; mentions: string }>) {
      if (row.mentions.split(" ").some((handle) => fresh.has(handle))) threads.add(row.thread_id);
    }
    this.sqlite.transaction(() => {
      for (const thread of threads) this.derive(thread);
    })();
    return threads.size;
  }

  /** Re-derives every thread, e.g. after the policy changed. Reports progress as (done, total). */
  deriveAll(onProgress?: (done: number, total: number) => void): void {
    const total = this.q.maxThread.get() as number;
    const step = 2000;
    for (let from = 0; from < total; from += step) {
      this.sqlite.transaction(() => {
        for (let thread = from + 1; thread <= Math.min(from + step, total); thread++) this.derive(thread);
      })();
      onProgress?.(Math.min(from + step, total), total);
    }
  }

  private writeOne(event: SlaEvent, receivedAt: number, dirty: Set<number>): WriteOutcome {
    const q = this.q;
    if (q.exists.get(event.source, event.id)) return "duplicate";
    const refs = new Set<string>();
    if (event.inReplyTo) refs.add(event.inReplyTo);
    if (event.type === "message") for (const link of event.links) refs.add(link);
    refs.delete(event.id);

    const related = new Set<number>();
    for (const ref of refs) {
      const thread = q.threadOf.get(event.source, ref) as number | undefined;
      if (thread !== undefined) related.add(thread);
    }
    for (const thread of q.threadsReferring.all(event.source, event.id) as number[]) related.add(thread);
    if (event.conversation) {
      const thread = q.threadOfRef.get(event.source, event.conversation) as number | undefined;
      if (thread !== undefined) related.add(thread);
    }

    const thread = related.size > 0 ? Math.min(...related) : (q.maxThread.get() as number) + 1;
    for (const other of related) {
      if (other === thread) continue;
      q.moveThread.run(thread, other);
      q.deleteConversations.run(other);
      dirty.delete(other);
    }

    const message = event.type === "message" ? event : null;
    q.insertMessage.run(
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
      thread,
      receivedAt,
    );
    for (const ref of refs) q.insertLink.run(event.source, ref, event.id);
    if (message?.direction === "outbound") {
      this.addAccounts([message.account ?? message.author], receivedAt);
    }
    dirty.add(thread);
    return "stored";
  }

  private derive(thread: number): void {
    const rows = this.q.threadItems.all(thread) as MessageItemRow[];
    this.q.deleteConversations.run(thread);
    if (rows.length === 0) return;
    const conversations = deriveConversations(rows.map(toThreadItem), this.policy, this.accounts.lookup);
    for (const conversation of conversations) {
      this.q.insertConversation.run(toConversationRow(conversation, thread));
    }
  }
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
  };
}
