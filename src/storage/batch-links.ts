import type Database from "better-sqlite3";
import type { SlaEvent } from "../domain/event.js";

const key = (source: string, id: string) => `${source}\u0000${id}`;

/** The ids an event links to: what it answers, and any other message the source says shares its thread. */
export function refsOf(event: SlaEvent): string[] {
  const refs = new Set<string>();
  if (event.inReplyTo) refs.add(event.inReplyTo);
  if (event.type === "message") for (const link of event.links) refs.add(link);
  refs.delete(event.id);
  return [...refs];
}

/** The set queries a batch's links are read with (the same text on better-sqlite3 and D1). */
export const LINK_SQL = {
  threads: "SELECT id, thread_id FROM messages WHERE source = ? AND id IN (SELECT value FROM json_each(?))",
  referrers: `SELECT l.ref_id, m.thread_id FROM message_links l
    JOIN messages m ON m.source = l.source AND m.id = l.message_id
    WHERE l.source = ? AND l.ref_id IN (SELECT value FROM json_each(?))`,
  conversations: `SELECT conversation_ref, min(thread_id) AS thread_id FROM messages
    WHERE source = ? AND conversation_ref IN (SELECT value FROM json_each(?)) GROUP BY conversation_ref`,
} as const;

/** What one source's events ask of the stored messages: each a JSON array bound to a `LINK_SQL` query. */
export interface LinkLookup {
  source: string;
  /** Every id the events are or link to (`LINK_SQL.threads`). */
  ids: string;
  /** The events' own ids (`LINK_SQL.referrers`). */
  own: string;
  /** Their explicit thread ids, or null when none has one (`LINK_SQL.conversations`). */
  conversations: string | null;
}

/** The answers to one `LinkLookup`. */
export interface LinkAnswers {
  source: string;
  threads: Array<{ id: string; thread_id: number }>;
  referrers: Array<{ ref_id: string; thread_id: number }>;
  conversations: Array<{ conversation_ref: string; thread_id: number }>;
}

/** The lookups a batch of events needs, one per source. */
export function linkLookups(events: readonly SlaEvent[]): LinkLookup[] {
  const bySource = new Map<string, { ids: Set<string>; own: Set<string>; conversations: Set<string> }>();
  for (const event of events) {
    let wanted = bySource.get(event.source);
    if (!wanted) {
      wanted = { ids: new Set(), own: new Set(), conversations: new Set() };
      bySource.set(event.source, wanted);
    }
    wanted.ids.add(event.id);
    wanted.own.add(event.id);
    for (const ref of refsOf(event)) wanted.ids.add(ref);
    if (event.conversation) wanted.conversations.add(event.conversation);
  }
  return [...bySource].map(([source, wanted]) => ({
    source,
    ids: JSON.stringify([...wanted.ids]),
    own: JSON.stringify([...wanted.own]),
    conversations: wanted.conversations.size > 0 ? JSON.stringify([...wanted.conversations]) : null,
  }));
}

interface LinkStatements {
  threads: Database.Statement;
  referrers: Database.Statement;
  conversations: Database.Statement;
}

const prepared = new WeakMap<Database.Database, LinkStatements>();

/** The set queries, prepared once per database connection. */
function statements(sqlite: Database.Database): LinkStatements {
  let found = prepared.get(sqlite);
  if (!found) {
    found = {
      threads: sqlite.prepare(LINK_SQL.threads),
      referrers: sqlite.prepare(LINK_SQL.referrers),
      conversations: sqlite.prepare(LINK_SQL.conversations),
    };
    prepared.set(sqlite, found);
  }
  return found;
}

/** Answers a batch's lookups on better-sqlite3. */
export function readLinks(sqlite: Database.Database, events: readonly SlaEvent[]): LinkAnswers[] {
  const { threads, referrers, conversations } = statements(sqlite);
  return linkLookups(events).map((lookup) => ({
    source: lookup.source,
    threads: threads.all(lookup.source, lookup.ids) as LinkAnswers["threads"],
    referrers: referrers.all(lookup.source, lookup.own) as LinkAnswers["referrers"],
    conversations:
      lookup.conversations === null
        ? []
        : (conversations.all(lookup.source, lookup.conversations) as LinkAnswers["conversations"]),
  }));
}

/**
 * What a batch of events needs to know about the stored messages, read with a few set queries up front
 * instead of several lookups per event, then kept current as the batch is written: which thread holds an
 * id, which threads are waiting for an id (dangling links), and which thread holds an explicit thread id.
 * Threads joined during the batch are followed through `merged`.
 */
export class BatchLinks {
  private readonly threadOfId = new Map<string, number>();
  private readonly waiting = new Map<string, Set<number>>();
  private readonly threadOfConversation = new Map<string, number>();
  private readonly merged = new Map<number, number>();

  constructor(answers: readonly LinkAnswers[]) {
    for (const { source, threads, referrers, conversations } of answers) {
      for (const row of threads) this.threadOfId.set(key(source, row.id), row.thread_id);
      for (const row of referrers) this.addWaiting(key(source, row.ref_id), row.thread_id);
      for (const row of conversations)
        this.threadOfConversation.set(key(source, row.conversation_ref), row.thread_id);
    }
  }

  /** The thread that holds this message, if it is stored. */
  threadOf(source: string, id: string): number | undefined {
    const thread = this.threadOfId.get(key(source, id));
    return thread === undefined ? undefined : this.resolve(thread);
  }

  /** Threads with messages that link to this id while it was missing. */
  waitingFor(source: string, id: string): number[] {
    return [...(this.waiting.get(key(source, id)) ?? [])].map((thread) => this.resolve(thread));
  }

  threadOfExplicit(source: string, conversation: string): number | undefined {
    const thread = this.threadOfConversation.get(key(source, conversation));
    return thread === undefined ? undefined : this.resolve(thread);
  }

  /** Records a stored event: its thread, its links still dangling, and its explicit thread id. */
  stored(event: SlaEvent, thread: number, missing: readonly string[]): void {
    this.threadOfId.set(key(event.source, event.id), thread);
    for (const ref of missing) this.addWaiting(key(event.source, ref), thread);
    if (event.conversation && !this.threadOfConversation.has(key(event.source, event.conversation))) {
      this.threadOfConversation.set(key(event.source, event.conversation), thread);
    }
  }

  /** Thread `from` was joined into `into`. */
  merge(from: number, into: number): void {
    this.merged.set(from, into);
  }

  /** Where a thread ended up after the joins of this batch. */
  resolve(thread: number): number {
    let current = thread;
    for (let next = this.merged.get(current); next !== undefined; next = this.merged.get(current))
      current = next;
    return current;
  }

  private addWaiting(k: string, thread: number): void {
    const set = this.waiting.get(k) ?? new Set<number>();
    set.add(thread);
    this.waiting.set(k, set);
  }
}
