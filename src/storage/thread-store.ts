import type Database from "better-sqlite3";
import { deriveConversations, type ThreadItem } from "../domain/conversations.js";
import type { SlaEvent } from "../domain/event.js";
import { matchPolicy, type PolicyFacts, type PolicySet } from "../domain/policy.js";
import { BatchLinks, refsOf } from "./batch-links.js";
import { toConversationRow } from "./conversation-rows.js";
import { KnownAccounts } from "./known-accounts.js";
import type { PolicyStore } from "./policy-store.js";
import { type MessageItemRow, toItemOf, toThreadItem } from "./thread-items.js";
import { ThreadTails } from "./thread-tails.js";

export type WriteOutcome = "stored" | "duplicate";

/**
 * The write side of ingest on SQLite: stores events idempotently, joins them into threads by reply links
 * in any arrival order, and re-derives each changed thread's conversations, all in one transaction.
 */
export class ThreadStore {
  readonly accounts: KnownAccounts;
  private readonly tails: ThreadTails;
  private readonly q;
  private pendingAccounts: string[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly policies: PolicyStore,
  ) {
    this.accounts = new KnownAccounts(sqlite);
    this.tails = new ThreadTails(sqlite, policies);
    const p = (sql: string) => sqlite.prepare(sql);
    this.q = {
      maxThread: p("SELECT coalesce(max(thread_id), 0) FROM messages").pluck(),
      moveThread: p("UPDATE messages SET thread_id = ? WHERE thread_id = ?"),
      insertMessage: p(
        `INSERT INTO messages (source, id, kind, direction, author, account, at, in_reply_to, conversation_ref,
           text, automated, tags, priority, private, thread_id, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLink: p("INSERT OR IGNORE INTO message_links (source, ref_id, message_id) VALUES (?, ?, ?)"),
      threadItems: p(
        `SELECT kind, source, id, direction, author, account, at, text, automated, tags, priority, private
         FROM messages WHERE thread_id = ?`,
      ),
      deleteConversations: p("DELETE FROM conversations WHERE thread_id = ?"),
      deleteConversation: p("DELETE FROM conversations WHERE id = ?"),
      moveConversations: p("UPDATE conversations SET thread_id = ? WHERE thread_id = ?"),
      pins: p("SELECT id, policy_set FROM conversations WHERE thread_id = ?"),
      insertConversation: p(
        `INSERT OR REPLACE INTO conversations (id, thread_id, source, first_message_id, customer, account,
           account_basis, mentions, excerpt, tags, priority, policy, policy_version, policy_set, started_at, due_at,
           warn_at, first_response_at, first_response_id, responder, ttfr_business_ms, next_answered, next_within,
           next_pending_since, next_due_at, resolution_due_at, alert_from, alert_until, touches, message_count,
           last_at, last_direction, resolved_at)
         VALUES (@id, @threadId, @source, @firstMessageId, @customer, @account, @accountBasis, @mentions,
           @excerpt, @tags, @priority, @policy, @policyVersion, @policySet, @startedAt, @dueAt, @warnAt,
           @firstResponseAt, @firstResponseId, @responder, @ttfrBusinessMs, @nextAnswered, @nextWithin,
           @nextPendingSince, @nextDueAt, @resolutionDueAt, @alertFrom, @alertUntil, @touches, @messageCount,
           @lastAt, @lastDirection, @resolvedAt)`,
      ),
      attributable: p(
        `SELECT thread_id, mentions, account, account_basis FROM conversations
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
    return this.sqlite
      .transaction(() => {
        const batch: Batch = {
          dirty: new Map(),
          nextThread: (this.q.maxThread.get() as number) + 1,
          links: new BatchLinks(this.sqlite, events),
          dangling: [],
          lastPk: this.tails.lastPk(),
          appended: new Map(),
        };
        const outcomes = events.map((event) => this.writeOne(event, receivedAt, batch));
        // Only links to messages still missing after the batch are kept: they are how a late parent
        // finds its replies. Links resolved within the batch were followed in memory.
        for (const link of batch.dangling) {
          if (batch.links.threadOf(link.source, link.ref) === undefined) {
            this.q.insertLink.run(link.source, link.ref, link.id);
          }
        }
        for (const [thread, items] of batch.dirty) {
          const appended = batch.appended.get(thread);
          if (!items && appended && this.extendTail(thread, appended, batch.lastPk)) continue;
          this.derive(thread, items);
        }
        if (!options.deferAttribution) this.reattribute();
        return outcomes;
      })
      .immediate();
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
    for (const row of this.q.attributable.iterate() as Iterable<AttributableRow>) {
      if (mentionsFreshFirst(row, fresh)) threads.add(row.thread_id);
    }
    this.sqlite
      .transaction(() => {
        for (const thread of threads) this.derive(thread);
      })
      .immediate();
    return threads.size;
  }

  /**
   * Re-derives every thread under the current policies (conversations measured with earlier ones move to
   * the current set): what `recompute` does when asked. Reports progress as (done, total).
   */
  recomputeAll(onProgress?: (done: number, total: number) => void): void {
    const total = this.q.maxThread.get() as number;
    const step = 2000;
    for (let from = 0; from < total; from += step) {
      this.sqlite
        .transaction(() => {
          for (let thread = from + 1; thread <= Math.min(from + step, total); thread++) {
            this.derive(thread, null, true);
          }
        })
        .immediate();
      onProgress?.(Math.min(from + step, total), total);
    }
  }

  private writeOne(event: SlaEvent, receivedAt: number, batch: Batch): WriteOutcome {
    const q = this.q;
    const links = batch.links;
    if (links.threadOf(event.source, event.id) !== undefined) return "duplicate";
    const refs = refsOf(event);
    const related = new Set<number>();
    const missing: string[] = [];
    for (const ref of refs) {
      const thread = links.threadOf(event.source, ref);
      if (thread === undefined) missing.push(ref);
      else related.add(thread);
    }
    for (const thread of links.waitingFor(event.source, event.id)) related.add(thread);
    if (event.conversation) {
      const thread = links.threadOfExplicit(event.source, event.conversation);
      if (thread !== undefined) related.add(thread);
    }

    const thread = related.size > 0 ? Math.min(...related) : batch.nextThread++;
    // A thread created in this batch is still wholly in memory; any other must be read back to derive it.
    let items: ThreadItem[] | null = [];
    for (const other of related) {
      const known = batch.dirty.get(other);
      items = items && known ? items.concat(known) : null;
      if (other === thread) continue;
      q.moveThread.run(thread, other);
      // Its conversations move along, so the policy set each was measured with is kept.
      q.moveConversations.run(thread, other);
      batch.dirty.delete(other);
      batch.appended.delete(other);
      batch.appended.set(thread, null);
      links.merge(other, thread);
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
      message?.tags?.length ? message.tags.join(" ") : null,
      message?.priority ?? null,
      message?.private ? 1 : 0,
      thread,
      receivedAt,
    );
    for (const ref of missing) batch.dangling.push({ source: event.source, ref, id: event.id });
    links.stored(event, thread, missing);
    if (message?.direction === "outbound") this.addAccounts([message.account ?? message.author], receivedAt);
    const item = toItemOf(event);
    batch.dirty.set(thread, items && [...items, item]);
    // A thread stored before the batch: what it gained, unless threads were joined (then it is derived whole).
    if (!items) {
      const appended = batch.appended.get(thread);
      if (appended === undefined) batch.appended.set(thread, [item]);
      else appended?.push(item);
    }
    return "stored";
  }

  /** Carries a stored thread's conversations on by the items appended at its end, if they all are. */
  private extendTail(thread: number, appended: ThreadItem[], lastPk: number): boolean {
    return this.tails.extend(thread, appended, lastPk, this.accounts.lookup, (conversation, set) => {
      // Deleted first, so the rollups' triggers take the old row out wherever the database runs.
      this.q.deleteConversation.run(conversation.id);
      this.q.insertConversation.run(toConversationRow(conversation, thread, set));
    });
  }

  /**
   * Derives a thread's conversations from its items (read back when not given) and stores them. A
   * conversation already stored keeps the policy set it was measured with (unless `repin`); a new one
   * gets the current set. The thread is split with the window of its oldest set.
   */
  private derive(thread: number, known: ThreadItem[] | null = null, repin = false): void {
    const current = this.policies.current;
    const pinned = new Map<string, PolicySet>();
    // A thread wholly created in this batch has no stored conversations to replace.
    if (!known) {
      if (!repin) {
        for (const pin of this.q.pins.all(thread) as Array<{ id: string; policy_set: number }>) {
          const set = this.policies.set(pin.policy_set);
          if (set) pinned.set(pin.id, set);
        }
      }
      this.q.deleteConversations.run(thread);
    }
    const items = known ?? (this.q.threadItems.all(thread) as MessageItemRow[]).map(toThreadItem);
    if (items.length === 0) return;
    let windowSet = current;
    for (const set of pinned.values()) if (set.id < windowSet.id) windowSet = set;
    const rules = {
      windowMs: windowSet.windowMs,
      policyFor: (facts: PolicyFacts, id: string) => matchPolicy(pinned.get(id) ?? current, facts),
    };
    for (const conversation of deriveConversations(items, rules, this.accounts.lookup)) {
      const set = pinned.get(conversation.id) ?? current;
      this.q.insertConversation.run(toConversationRow(conversation, thread, set.id));
    }
  }
}

interface AttributableRow {
  thread_id: number;
  mentions: string;
  account: string;
  account_basis: string;
}

/**
 * Whether a newly known account is mentioned before the handle the conversation is attributed to now
 * (or at all, when no mention matched): only then does its attribution change.
 */
function mentionsFreshFirst(row: AttributableRow, fresh: ReadonlySet<string>): boolean {
  const current = row.account_basis === "mention" ? row.account.toLowerCase() : null;
  for (const handle of row.mentions.split(" ")) {
    if (handle === current) return false;
    if (fresh.has(handle)) return true;
  }
  return false;
}

interface Batch {
  /** Threads changed by this batch; their items when the thread was created in this batch, else null. */
  dirty: Map<number, ThreadItem[] | null>;
  nextThread: number;
  links: BatchLinks;
  dangling: Array<{ source: string; ref: string; id: string }>;
  /** The last message row stored before the batch. */
  lastPk: number;
  /** Per thread stored before the batch: the items it gained at the end, or null once threads were joined. */
  appended: Map<number, ThreadItem[] | null>;
}
