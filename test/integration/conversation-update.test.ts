import { afterEach, describe, expect, it } from "vitest";
import type { ConversationRow } from "../../db/schema.js";
import type { RawConversationRow } from "../../src/storage/conversation-rows.js";
import { openDatabase, type SqliteHandle } from "../../src/storage/database.js";
import {
  changedColumns,
  INSERT_CONVERSATION_NAMED_SQL,
  updateConversationSql,
} from "../../src/storage/thread-derive.js";

const START = Date.UTC(2026, 2, 2, 9);
const HOUR = 3_600_000;

const open: ConversationRow = {
  id: "x:1",
  threadId: 1,
  source: "x",
  firstMessageId: "1",
  customer: "ann",
  account: "acme",
  accountBasis: "mention",
  mentions: " acme ",
  excerpt: "@acme help",
  tags: "  ",
  priority: null,
  policy: "default",
  policyVersion: 1,
  policySet: 1,
  startedAt: START,
  dueAt: START + 2 * HOUR,
  warnAt: START + HOUR,
  firstResponseAt: null,
  firstResponseId: null,
  responder: null,
  ttfrBusinessMs: null,
  nextAnswered: 0,
  nextWithin: 0,
  nextPendingSince: null,
  nextDueAt: null,
  resolutionDueAt: null,
  alertFrom: START + HOUR,
  alertUntil: null,
  touches: 0,
  messageCount: 1,
  lastAt: START,
  lastDirection: "inbound",
  resolvedAt: null,
};

describe("updating a stored conversation to its re-derived row", () => {
  let handle: SqliteHandle;
  afterEach(() => handle.close());

  const setUp = () => {
    handle = openDatabase(":memory:");
    handle.sqlite.prepare(INSERT_CONVERSATION_NAMED_SQL).run(open);
    const stored = () =>
      handle.sqlite.prepare("SELECT * FROM conversations WHERE id = ?").get(open.id) as RawConversationRow;
    const version = () =>
      Number(
        handle.sqlite.prepare("SELECT value FROM settings WHERE key = 'conversations_version'").pluck().get(),
      );
    const openCount = () =>
      handle.sqlite.prepare("SELECT coalesce(sum(n), 0) FROM open_counts").pluck().get() as number;
    const update = (row: ConversationRow) => {
      const { columns, values } = changedColumns(stored(), row);
      handle.sqlite.prepare(updateConversationSql(columns)).run(...values, open.id);
      return columns;
    };
    return { stored, version, openCount, update };
  };

  it("sets only the changed columns, and last_at, so the rollups and the version follow", () => {
    const db = setUp();
    expect(db.openCount()).toBe(1);
    const answered = {
      ...open,
      firstResponseAt: START + 30 * 60_000,
      firstResponseId: "2",
      responder: "acme",
      ttfrBusinessMs: 30 * 60_000,
      touches: 1,
      messageCount: 2,
      lastAt: START + 30 * 60_000,
      lastDirection: "outbound" as const,
    };
    const before = db.version();
    expect(db.update(answered)).toEqual([
      "first_response_at",
      "first_response_id",
      "responder",
      "ttfr_business_ms",
      "touches",
      "message_count",
      "last_at",
      "last_direction",
    ]);
    expect(db.stored()).toMatchObject({ first_response_at: answered.firstResponseAt, message_count: 2 });
    expect(db.openCount()).toBe(0);
    expect(db.version()).toBe(before + 1);
  });

  it("still counts a change when nothing the rollups read changed", () => {
    const db = setUp();
    const before = db.version();
    expect(db.update({ ...open, excerpt: "@acme help, please" })).toEqual(["excerpt", "last_at"]);
    expect(db.update({ ...open, excerpt: "@acme help, please" })).toEqual(["last_at"]);
    expect(db.version()).toBe(before + 2);
    expect(db.openCount()).toBe(1);
  });
});
