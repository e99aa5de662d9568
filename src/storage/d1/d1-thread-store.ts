import type { ThreadItem } from "../../domain/conversations.js";
import type { SlaEvent } from "../../domain/event.js";
import type { PolicySet } from "../../domain/policy.js";
import { BatchLinks, LINK_SQL, type LinkAnswers, type LinkLookup, linkLookups } from "../batch-links.js";
import {
  CONVERSATION_COLUMN_NAMES,
  conversationParams,
  deriveThreadRows,
  ITEM_COLUMNS,
} from "../thread-derive.js";
import { type MessageItemRow, toItemOf, toThreadItem } from "../thread-items.js";
import {
  type Batch,
  MESSAGE_COLUMNS,
  MOVE_CONVERSATIONS_SQL,
  MOVE_MESSAGES_SQL,
  messageParams,
  placeEvent,
  type WriteOutcome,
} from "../thread-plan.js";
import { type D1Client, type D1Statement, isWriteConflict, jsonInsertSql, jsonInserts } from "./d1-client.js";
import type { D1PolicyStore } from "./d1-policy-store.js";

const INSERT_MESSAGES = jsonInsertSql("messages", MESSAGE_COLUMNS);
const INSERT_CONVERSATIONS = jsonInsertSql("conversations", CONVERSATION_COLUMN_NAMES, "INSERT OR REPLACE");
const INSERT_ACCOUNTS = jsonInsertSql("accounts", ["key", "name", "first_seen_at"], "INSERT OR IGNORE");
const INSERT_LINKS = jsonInsertSql("message_links", ["source", "ref_id", "message_id"], "INSERT OR IGNORE");
const DELETE_CONVERSATIONS = "DELETE FROM conversations WHERE thread_id IN (SELECT value FROM json_each(?))";
const STORED_ITEMS = `SELECT thread_id, ${ITEM_COLUMNS} FROM messages
  WHERE thread_id IN (SELECT value FROM json_each(?))`;
const STORED_PINS =
  "SELECT id, policy_set, thread_id FROM conversations WHERE thread_id IN (SELECT value FROM json_each(?))";

const STORED_COUNT = "SELECT 1 FROM messages WHERE thread_id IN (SELECT value FROM json_each(?))";
/** Not JSON, so `json()` fails the batch with it when a guard finds the read stale. */
const STALE_READ = "stale read";

/** How often a write whose read went stale (another request wrote first) is read and placed again. */
const CONFLICT_RETRIES = 5;

/**
 * The write side of ingest on D1, without interactive transactions: read what the batch links to, place the
 * events and derive the changed threads in memory with the same functions as the SQLite store, then write
 * everything with one `db.batch` (atomic). A batch that loses a race for a message's unique key is read and
 * placed again, so the other request's copy is seen as a duplicate.
 */
export class D1ThreadStore {
  constructor(
    private readonly d1: D1Client,
    private readonly policies: D1PolicyStore,
  ) {}

  /** Adds configured brand accounts (conversations mentioning one are attributed when next derived). */
  async addAccounts(names: readonly string[], at: number): Promise<void> {
    const rows = names.map((name) => [name.toLowerCase(), name, at]);
    if (rows.length > 0) await this.d1.batch(jsonInserts(this.d1, INSERT_ACCOUNTS, rows));
  }

  async write(events: readonly SlaEvent[], receivedAt: number): Promise<WriteOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(events, receivedAt);
      } catch (error) {
        if (attempt >= CONFLICT_RETRIES || !isWriteConflict(error)) throw error;
      }
    }
  }

  private async writeOnce(events: readonly SlaEvent[], receivedAt: number): Promise<WriteOutcome[]> {
    const { lookups, answers, accounts } = await this.readLinks(events);
    const batch: Batch = {
      dirty: new Map(),
      newThread: newThreadId,
      links: new BatchLinks(answers),
      dangling: [],
      touched: new Set(),
    };
    const moves: D1Statement[] = [];
    const placed: Array<{ event: SlaEvent; thread: number }> = [];
    const newAccounts: unknown[][] = [];
    const outcomes = events.map((event) =>
      placeEvent(event, batch, {
        moveThread: (into, from) => {
          moves.push(this.d1.prepare(MOVE_MESSAGES_SQL).bind(into, from));
          moves.push(this.d1.prepare(MOVE_CONVERSATIONS_SQL).bind(into, from));
        },
        insertMessage: (stored, thread) => placed.push({ event: stored, thread }),
        rememberAccount: (name) => {
          const key = name.toLowerCase();
          if (accounts.has(key)) return;
          accounts.set(key, name);
          newAccounts.push([key, name, receivedAt]);
        },
      }),
    );
    if (placed.length === 0) return outcomes;
    const links = batch.links;
    const dangling = batch.dangling
      .filter((link) => links.threadOf(link.source, link.ref) === undefined)
      .map((link) => [link.source, link.ref, link.id]);
    const stored = await this.readThreads([...batch.touched]);
    const lookup = (handle: string) => accounts.get(handle.toLowerCase());
    const current = this.policies.current;
    const rebuilt: number[] = [];
    const rows: unknown[][] = [];
    for (const [thread, known] of batch.dirty) {
      let items = known;
      const pinned = new Map<string, PolicySet>();
      if (!items) {
        rebuilt.push(thread);
        items = [];
        for (const [storedThread, entry] of stored) {
          if (links.resolve(storedThread) !== thread) continue;
          items.push(...entry.items);
          for (const [id, setId] of entry.pins) {
            const set = this.policies.set(setId);
            if (set) pinned.set(id, set);
          }
        }
        for (const { event, thread: at } of placed)
          if (links.resolve(at) === thread) items.push(toItemOf(event));
      }
      for (const row of deriveThreadRows(thread, items, pinned, current, lookup))
        rows.push(conversationParams(row));
    }
    const messages = placed.map(({ event, thread }) => [
      ...messageParams(event, links.resolve(thread), receivedAt),
    ]);
    let storedItems = 0;
    for (const entry of stored.values()) storedItems += entry.items.length;
    await this.d1.batch([
      ...this.guards(lookups, answers, [...batch.touched], storedItems),
      ...moves,
      ...jsonInserts(this.d1, INSERT_MESSAGES, messages),
      ...jsonInserts(this.d1, INSERT_LINKS, dangling),
      ...jsonInserts(this.d1, INSERT_ACCOUNTS, newAccounts),
      ...(rebuilt.length > 0 ? [this.d1.prepare(DELETE_CONVERSATIONS).bind(JSON.stringify(rebuilt))] : []),
      ...jsonInserts(this.d1, INSERT_CONVERSATIONS, rows),
    ]);
    return outcomes;
  }

  /** The link lookups of the batch and the known accounts, in one round trip. */
  private async readLinks(events: readonly SlaEvent[]) {
    const lookups = linkLookups(events);
    const statements = lookups.flatMap((lookup) => [
      this.d1.prepare(LINK_SQL.threads).bind(lookup.source, lookup.ids),
      this.d1.prepare(LINK_SQL.referrers).bind(lookup.source, lookup.own),
      this.d1.prepare(LINK_SQL.conversations).bind(lookup.source, lookup.conversations ?? "[]"),
    ]);
    const results = await this.d1.batch([...statements, this.d1.prepare("SELECT key, name FROM accounts")]);
    const answers: LinkAnswers[] = lookups.map((lookup, i) => ({
      source: lookup.source,
      threads: (results[3 * i]?.results ?? []) as unknown as LinkAnswers["threads"],
      referrers: (results[3 * i + 1]?.results ?? []) as unknown as LinkAnswers["referrers"],
      conversations: (results[3 * i + 2]?.results ?? []) as unknown as LinkAnswers["conversations"],
    }));
    const accounts = new Map<string, string>();
    for (const row of (results.at(-1)?.results ?? []) as unknown as Array<{ key: string; name: string }>)
      accounts.set(row.key, row.name);
    return { lookups, answers, accounts };
  }

  /**
   * Statements that fail the batch when what it was planned on changed since it was read (another request's
   * batch ran in between; D1 runs batches one at a time): the stored messages among the batch's ids and
   * links, the links waiting for its events, the threads of its explicit thread ids, and the messages of
   * the threads it rebuilds. The write is then read and placed again, so concurrent requests never miss a
   * join or overwrite each other's thread.
   */
  private guards(lookups: LinkLookup[], answers: LinkAnswers[], touched: number[], storedItems: number) {
    const guard = (count: string, expected: number, ...values: unknown[]) =>
      this.d1
        .prepare(`SELECT json(CASE WHEN (SELECT count(*) FROM (${count})) = ?${values.length + 1}
          THEN '0' ELSE '${STALE_READ}' END)`)
        .bind(...values, expected);
    const statements = lookups.flatMap((lookup, i) => [
      guard(LINK_SQL.threads, answers[i]?.threads.length ?? 0, lookup.source, lookup.ids),
      guard(LINK_SQL.referrers, answers[i]?.referrers.length ?? 0, lookup.source, lookup.own),
      ...(lookup.conversations === null
        ? []
        : [
            guard(
              LINK_SQL.conversations,
              answers[i]?.conversations.length ?? 0,
              lookup.source,
              lookup.conversations,
            ),
          ]),
    ]);
    if (touched.length > 0) statements.push(guard(STORED_COUNT, storedItems, JSON.stringify(touched)));
    return statements;
  }

  /** Stored threads' items and the policy sets their conversations are pinned to, by thread as stored. */
  private async readThreads(threads: number[]) {
    const byThread = new Map<number, { items: ThreadItem[]; pins: Map<string, number> }>();
    if (threads.length === 0) return byThread;
    const ids = JSON.stringify(threads);
    const [items, pins] = await this.d1.batch([
      this.d1.prepare(STORED_ITEMS).bind(ids),
      this.d1.prepare(STORED_PINS).bind(ids),
    ]);
    const entry = (thread: number) => {
      let found = byThread.get(thread);
      if (!found) {
        found = { items: [], pins: new Map() };
        byThread.set(thread, found);
      }
      return found;
    };
    for (const row of (items?.results ?? []) as unknown as Array<MessageItemRow & { thread_id: number }>)
      entry(row.thread_id).items.push(toThreadItem(row));
    for (const row of (pins?.results ?? []) as unknown as Array<{
      id: string;
      policy_set: number;
      thread_id: number;
    }>)
      entry(row.thread_id).pins.set(row.id, row.policy_set);
    return byThread;
  }
}

/**
 * A new thread's id. Workers write concurrently, so `max(thread_id) + 1` read before the batch could give two
 * unrelated threads the same id; a random id below 2^53 does not (ids are only compared for equality).
 */
function newThreadId(): number {
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0x1f_ffff) * 0x1_0000_0000 + low + 1;
}
