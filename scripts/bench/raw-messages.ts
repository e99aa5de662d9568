/**
 * The raw-insert baseline of the ingest benchmarks: a `messages` table with the service's columns and
 * unique index (no other index), the same pragmas as `openDatabase`, and one prepared INSERT. What the
 * service does beyond this (validation, threads, conversations, other indexes) is what the ratios measure.
 */
import Database from "better-sqlite3";

/** The same pragmas as `openDatabase`. */
const PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 5000", "foreign_keys = ON"];

/** The columns of `messages` (db/migrations) and its unique index, without the other indexes. */
const SCHEMA = `
  CREATE TABLE messages (
    pk integer PRIMARY KEY NOT NULL, source text NOT NULL, id text NOT NULL, kind text NOT NULL,
    direction text, author text, account text, at integer NOT NULL, in_reply_to text, conversation_ref text,
    text text, automated integer DEFAULT false NOT NULL, thread_id integer NOT NULL, received_at integer NOT NULL
  );
  CREATE UNIQUE INDEX messages_source_id ON messages (source, id);`;

/** One row's values, in the INSERT's column order. */
export interface RawMessage {
  source: string;
  id: string;
  /** `message`, `resolve` or `reopen` (the `kind` column). */
  type: string;
  direction: string | null;
  author: string | null;
  account: string | null;
  at: number;
  inReplyTo: string | null;
  conversation: string | null;
  text: string | null;
  automated: boolean;
}

/** A fresh database with the baseline table, and an insert of one row (`threadId` is any number). */
export function openRawMessages(path: string) {
  const sqlite = new Database(path);
  for (const pragma of PRAGMAS) sqlite.pragma(pragma);
  sqlite.exec(SCHEMA);
  const statement = sqlite.prepare(
    `INSERT INTO messages (source, id, kind, direction, author, account, at, in_reply_to, conversation_ref,
       text, automated, thread_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insert = (m: RawMessage, threadId: number, receivedAt: number) =>
    statement.run(
      m.source,
      m.id,
      m.type,
      m.direction,
      m.author,
      m.account,
      m.at,
      m.inReplyTo,
      m.conversation,
      m.text,
      m.automated ? 1 : 0,
      threadId,
      receivedAt,
    );
  const count = () => sqlite.prepare("SELECT count(*) FROM messages").pluck().get() as number;
  return { sqlite, insert, count };
}
