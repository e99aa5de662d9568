import type Database from "better-sqlite3";
import type { ConversationRow } from "../../db/schema.js";
import type { ThreadItem } from "../domain/conversations.js";
import type { SlaEvent } from "../domain/event.js";
import type { PolicySet } from "../domain/policy.js";
import { BatchLinks, readLinks } from "./batch-links.js";
import { type RawConversationRow, toConversationRow } from "./conversation-rows.js";
import { KnownAccounts } from "./known-accounts.js";
import type { PolicyStore } from "./policy-store.js";
import {
  changedColumns,
  DELETE_CONVERSATIONS_SQL,
  deriveThreadRows,
  INSERT_CONVERSATION_NAMED_SQL,
  PINS_SQL,
  THREAD_ITEMS_SQL,
  updateConversationSql,
} from "./thread-derive.js";
import { type MessageItemRow, toThreadItem } from "./thread-items.js";
import {
  type Batch,
  INSERT_LINK_SQL,
  INSERT_MESSAGE_SQL,
  MOVE_CONVERSATIONS_SQL,
  MOVE_MESSAGES_SQL,
  messageParams,
  placeEvent,
  type ThreadWrites,
  type WriteOutcome,
} from "./thread-plan.js";
import { ThreadTails } from "./thread-tails.js";

export type { WriteOutcome };

/**
 * The write side of ingest on SQLite: stores events idempotently, joins them into threads by reply links
 * in any arrival order, and re-derives each changed thread's conversations, all in one transaction.
 */
export class ThreadStore {
  readonly accounts: KnownAccounts;
  private readonly tails: ThreadTails;
  private readonly q;
  private pendingAccounts: string[] = [];
  /** Prepared updates by the columns they set: a handful of combinations recur. */
  private readonly updates = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly policies: PolicyStore,
  ) {
    this.accounts = new KnownAccounts(sqlite);
    this.tails = new ThreadTails(sqlite, policies);
    const p = (sql: string) => sqlite.prepare(sql);
    this.q = {
      maxThread: p("SELECT coalesce(max(thread_id), 0) FROM messages").pluck(),
      moveThread: p(MOVE_MESSAGES_SQL),
      insertMessage: p(INSERT_MESSAGE_SQL),
      insertLink: p(INSERT_LINK_SQL),
      threadItems: p(THREAD_ITEMS_SQL),
      deleteConversations: p(DELETE_CONVERSATIONS_SQL),
      moveConversations: p(MOVE_CONVERSATIONS_SQL),
      pins: p(PINS_SQL),
      insertConversation: p(INSERT_CONVERSATION_NAMED_SQL),
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
        let nextThread = (this.q.maxThread.get() as number) + 1;
        const lastPk = this.tails.lastPk();
        const batch: Batch = {
          dirty: new Map(),
          newThread: () => nextThread++,
          links: new BatchLinks(readLinks(this.sqlite, events)),
          dangling: [],
          touched: new Set(),
          appended: new Map(),
        };
        const writes = this.writes(receivedAt);
        const outcomes = events.map((event) => placeEvent(event, batch, writes));
        // Only links to messages still missing after the batch are kept: they are how a late parent
        // finds its replies. Links resolved within the batch were followed in memory.
        for (const link of batch.dangling) {
          if (batch.links.threadOf(link.source, link.ref) === undefined) {
            this.q.insertLink.run(link.source, link.ref, link.id);
          }
        }
        for (const [thread, items] of batch.dirty) {
          const appended = batch.appended?.get(thread);
          if (!items && appended && this.extendTail(thread, appended, lastPk)) continue;
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

  /** The writes of `placeEvent`, run at once inside the write's transaction. */
  private writes(receivedAt: number): ThreadWrites {
    const q = this.q;
    return {
      moveThread: (into, from) => {
        q.moveThread.run(into, from);
        q.moveConversations.run(into, from);
      },
      insertMessage: (event, thread) => q.insertMessage.run(...messageParams(event, thread, receivedAt)),
      rememberAccount: (name) => this.addAccounts([name], receivedAt),
    };
  }

  /** Carries a stored thread's conversations on by the items appended at its end, if they all are. */
  private extendTail(thread: number, appended: ThreadItem[], lastPk: number): boolean {
    return this.tails.extend(thread, appended, lastPk, this.accounts.lookup, (conversation, set, stored) => {
      const row = toConversationRow(conversation, thread, set);
      if (stored) this.update(stored, row);
      else this.q.insertConversation.run(row);
    });
  }

  /** Writes the columns of a stored conversation that its re-derived row changes (see `changedColumns`). */
  private update(stored: RawConversationRow, row: ConversationRow): void {
    const { columns, values } = changedColumns(stored, row);
    const key = columns.join(",");
    let statement = this.updates.get(key);
    if (!statement) {
      statement = this.sqlite.prepare(updateConversationSql(columns));
      this.updates.set(key, statement);
    }
    statement.run(...values, stored.id);
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
    for (const row of deriveThreadRows(thread, items, pinned, current, this.accounts.lookup)) {
      this.q.insertConversation.run(row);
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
