/**
 * A thread's conversations as stored rows, shared by the SQLite and D1 thread stores: the pure
 * `deriveConversations` under the policy set each conversation was measured with.
 */
import type { ConversationRow } from "../../db/schema.js";
import type { AccountLookup } from "../domain/attribution.js";
import { deriveConversations, type ThreadItem } from "../domain/conversations.js";
import { matchPolicy, type PolicyFacts, type PolicySet } from "../domain/policy.js";
import { type RawConversationRow, toConversationRow } from "./conversation-rows.js";

/** Columns of `conversations` with the row key each is bound from, in the order of `INSERT_CONVERSATION_SQL`. */
const CONVERSATION_COLUMNS = [
  ["id", "id"],
  ["thread_id", "threadId"],
  ["source", "source"],
  ["first_message_id", "firstMessageId"],
  ["customer", "customer"],
  ["account", "account"],
  ["account_basis", "accountBasis"],
  ["mentions", "mentions"],
  ["excerpt", "excerpt"],
  ["tags", "tags"],
  ["priority", "priority"],
  ["policy", "policy"],
  ["policy_version", "policyVersion"],
  ["policy_set", "policySet"],
  ["started_at", "startedAt"],
  ["due_at", "dueAt"],
  ["warn_at", "warnAt"],
  ["first_response_at", "firstResponseAt"],
  ["first_response_id", "firstResponseId"],
  ["responder", "responder"],
  ["ttfr_business_ms", "ttfrBusinessMs"],
  ["next_answered", "nextAnswered"],
  ["next_within", "nextWithin"],
  ["next_pending_since", "nextPendingSince"],
  ["next_due_at", "nextDueAt"],
  ["resolution_due_at", "resolutionDueAt"],
  ["alert_from", "alertFrom"],
  ["alert_until", "alertUntil"],
  ["touches", "touches"],
  ["message_count", "messageCount"],
  ["last_at", "lastAt"],
  ["last_direction", "lastDirection"],
  ["resolved_at", "resolvedAt"],
] as const satisfies ReadonlyArray<readonly [string, keyof ConversationRow]>;

/** The column names of `conversations` in the order of `conversationParams`. */
export const CONVERSATION_COLUMN_NAMES = CONVERSATION_COLUMNS.map(([column]) => column);

const columnList = CONVERSATION_COLUMN_NAMES.join(", ");

/** The insert of a derived conversation, with named parameters (better-sqlite3 binds the row object). */
export const INSERT_CONVERSATION_NAMED_SQL = `INSERT OR REPLACE INTO conversations (${columnList})
  VALUES (${CONVERSATION_COLUMNS.map(([, key]) => `@${key}`).join(", ")})`;

/** The same insert with positional parameters (D1), bound with `conversationParams`. */
export const INSERT_CONVERSATION_SQL = `INSERT OR REPLACE INTO conversations (${columnList})
  VALUES (${CONVERSATION_COLUMNS.map(() => "?").join(", ")})`;

/**
 * The columns a re-derived conversation changes against its stored row, with their new values: what an
 * `UPDATE ... WHERE id = ?` must set. SQLite then rewrites only the indexes on those columns, where a
 * delete and insert rewrote every index of the table. `last_at` is always set, so the rollup trigger (which
 * also counts every change for the metric caches) runs as it would for a replaced row.
 */
export function changedColumns(
  stored: RawConversationRow,
  row: ConversationRow,
): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [column, key] of CONVERSATION_COLUMNS) {
    const value = row[key] ?? null;
    if (column === "last_at" || value !== (stored[column] ?? null)) {
      columns.push(column);
      values.push(value);
    }
  }
  return { columns, values };
}

/** The update by id that sets `columns` (from `changedColumns`), with positional parameters, the id last. */
export function updateConversationSql(columns: readonly string[]): string {
  return `UPDATE conversations SET ${columns.map((column) => `${column} = ?`).join(", ")} WHERE id = ?`;
}

export const DELETE_CONVERSATIONS_SQL = "DELETE FROM conversations WHERE thread_id = ?";
export const PINS_SQL = "SELECT id, policy_set FROM conversations WHERE thread_id = ?";
/** The columns of a `messages` row read back as a thread item (`MessageItemRow`). */
export const ITEM_COLUMNS =
  "kind, source, id, direction, author, account, at, text, automated, tags, priority, private";
export const THREAD_ITEMS_SQL = `SELECT ${ITEM_COLUMNS} FROM messages WHERE thread_id = ?`;

export function conversationParams(row: ConversationRow): unknown[] {
  return CONVERSATION_COLUMNS.map(([, key]) => row[key]);
}

/**
 * The rows of a thread's conversations. A conversation already stored keeps the policy set it was measured
 * with (`pinned`, by conversation id); a new one gets `current`. The thread is split with the window of its
 * oldest set.
 */
export function deriveThreadRows(
  thread: number,
  items: readonly ThreadItem[],
  pinned: ReadonlyMap<string, PolicySet>,
  current: PolicySet,
  lookup: AccountLookup,
): ConversationRow[] {
  if (items.length === 0) return [];
  let windowSet = current;
  for (const set of pinned.values()) if (set.id < windowSet.id) windowSet = set;
  const rules = {
    windowMs: windowSet.windowMs,
    policyFor: (facts: PolicyFacts, id: string) => matchPolicy(pinned.get(id) ?? current, facts),
  };
  return deriveConversations(items, rules, lookup).map((conversation) =>
    toConversationRow(conversation, thread, (pinned.get(conversation.id) ?? current).id),
  );
}
