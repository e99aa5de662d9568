import { describe, expect, it } from "vitest";
import { csvRecords } from "../../src/ingest/csv-records.js";
import {
  createTwcsMapper,
  isTwcsHeader,
  normalizeTweetId,
  parseTwitterDate,
  type TwcsRowResult,
} from "../../src/ingest/twcs.js";

const HEADER = [
  "tweet_id",
  "author_id",
  "inbound",
  "created_at",
  "text",
  "response_tweet_id",
  "in_response_to_tweet_id",
];
// pandas' to_csv writes an unnamed index column first.
const INDEXED_HEADER = ["", ...HEADER];

const OCT_31_22_10_47 = Date.UTC(2017, 9, 31, 22, 10, 47);

function row(overrides: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    tweet_id: "1",
    author_id: "sprintcare",
    inbound: "False",
    created_at: "Tue Oct 31 22:10:47 +0000 2017",
    text: "@115712 I understand.",
    response_tweet_id: "2",
    in_response_to_tweet_id: "3.0",
    ...overrides,
  };
  return HEADER.map((name) => base[name] ?? "");
}

function reasonOf(result: TwcsRowResult): string | null {
  return result.ok ? null : result.reason;
}

describe("createTwcsMapper", () => {
  const map = createTwcsMapper(HEADER);

  it("maps an outbound reply to a message event", () => {
    expect(map(row())).toEqual({
      ok: true,
      event: {
        type: "message",
        source: "x",
        id: "1",
        direction: "outbound",
        author: "sprintcare",
        at: OCT_31_22_10_47,
        account: "sprintcare",
        inReplyTo: "3",
        links: ["2"],
        conversation: null,
        text: "@115712 I understand.",
        automated: false,
      },
    });
  });

  it("maps an inbound tweet with no account, no reply target and several responses", () => {
    const result = map(
      row({ author_id: "115712", inbound: "True", response_tweet_id: "5,7.0", in_response_to_tweet_id: "" }),
    );
    expect(result).toMatchObject({
      ok: true,
      event: { direction: "inbound", author: "115712", account: null, inReplyTo: null, links: ["5", "7"] },
    });
  });

  it.each([
    ["True", "inbound"],
    ["TRUE", "inbound"],
    ["true", "inbound"],
    ["1", "inbound"],
    ["False", "outbound"],
    ["false", "outbound"],
    ["0", "outbound"],
  ])("reads inbound %j as %s", (inbound, direction) => {
    expect(map(row({ inbound }))).toMatchObject({ ok: true, event: { direction } });
  });

  it("maps empty text to null and keeps other text as is", () => {
    expect(map(row({ text: "" }))).toMatchObject({ ok: true, event: { text: null } });
    expect(map(row({ text: ' a\r\rb, "c" ' }))).toMatchObject({ ok: true, event: { text: ' a\r\rb, "c" ' } });
  });

  it.each([
    { name: "missing tweet_id", overrides: { tweet_id: "" }, reason: "tweet_id: missing" },
    { name: "blank tweet_id", overrides: { tweet_id: "  " }, reason: "tweet_id: missing" },
    { name: "missing author_id", overrides: { author_id: "" }, reason: "author_id: missing" },
    { name: "missing inbound", overrides: { inbound: "" }, reason: "inbound: missing" },
    { name: "bad inbound", overrides: { inbound: "maybe" }, reason: 'inbound: cannot parse "maybe"' },
    { name: "missing created_at", overrides: { created_at: "" }, reason: "created_at: missing" },
    { name: "bad created_at", overrides: { created_at: "foo" }, reason: 'created_at: cannot parse "foo"' },
    {
      name: "out-of-range created_at",
      overrides: { created_at: "Tue Feb 30 22:10:47 +0000 2017" },
      reason: 'created_at: cannot parse "Tue Feb 30 22:10:47 +0000 2017"',
    },
  ])("rejects a row with $name, naming the field", ({ overrides, reason }) => {
    expect(reasonOf(map(row(overrides)))).toBe(reason);
  });

  it("shortens a long unparsable value in the reason", () => {
    const reason = reasonOf(map(row({ created_at: "x".repeat(500) })));
    expect(reason).toMatch(/^created_at: cannot parse "x+\.\.\."$/);
    expect(reason?.length).toBeLessThan(80);
  });

  it("rejects a row whose field count differs from the header", () => {
    expect(reasonOf(map([...row(), "extra"]))).toBe("row has 8 fields, header has 7");
    expect(reasonOf(map(row().slice(0, 4)))).toBe("row has 4 fields, header has 7");
  });

  it("ignores a leading unnamed index column", () => {
    const mapIndexed = createTwcsMapper(INDEXED_HEADER);
    expect(mapIndexed(["0", ...row()])).toMatchObject({ ok: true, event: { id: "1", inReplyTo: "3" } });
  });

  it("finds columns in any order and treats absent optional columns as empty", () => {
    const mapMinimal = createTwcsMapper(["created_at", "inbound", "author_id", "tweet_id"]);
    expect(mapMinimal(["Tue Oct 31 22:10:47 +0000 2017", "True", "9", "8"])).toEqual({
      ok: true,
      event: expect.objectContaining({ id: "8", author: "9", text: null, links: [], inReplyTo: null }),
    });
  });

  it.each([
    ["created_at", ["tweet_id", "author_id", "inbound", "text"]],
    ["tweet_id", ["", "author_id", "inbound", "created_at"]],
  ])("throws on a header without %s, naming it", (column, header) => {
    expect(() => createTwcsMapper(header)).toThrow(column);
  });

  it("maps rows parsed from CSV text with quotes, a quoted id list and a bare CR CR", async () => {
    const csv = [
      ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
      '0,1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,"Hi, there\nsecond line",2,3.0',
      '1,3,115712,True,Tue Oct 31 22:08:27 +0000 2017,"help ""please""","1,4",',
      "2,3399,116510,True,Tue Oct 31 18:13:06 +0000 2017,@AskPayPal \r\rI just love,3398,",
      "",
    ].join("\n");
    const records = csvRecords([csv]);
    const first = await records.next();
    expect(first.done).toBe(false);
    const mapRow = createTwcsMapper(first.value?.fields ?? []);
    const events = [];
    for await (const record of records) events.push(mapRow(record.fields));
    expect(events).toMatchObject([
      { ok: true, event: { id: "1", text: "Hi, there\nsecond line", inReplyTo: "3" } },
      { ok: true, event: { id: "3", text: 'help "please"', links: ["1", "4"], inReplyTo: null } },
      { ok: true, event: { id: "3399", text: "@AskPayPal \r\rI just love", links: ["3398"] } },
    ]);
  });
});

describe("normalizeTweetId", () => {
  it.each([
    ["3", "3"],
    ["3.0", "3"],
    ["3.", "3"],
    ["192625.000", "192625"],
    [" 42 ", "42"],
    ["1.5e3", "1500"],
    ["3.5", "3.5"],
    ["abc", "abc"],
    ["", ""],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeTweetId(raw)).toBe(expected);
  });
});

describe("parseTwitterDate", () => {
  it.each([
    ["Tue Oct 31 22:10:47 +0000 2017", OCT_31_22_10_47],
    ["Tue Oct 31 23:10:47 +0100 2017", OCT_31_22_10_47],
    ["Tue Oct 31 16:40:47 -0530 2017", OCT_31_22_10_47],
    ["Wed Nov 01 00:10:47 +0200 2017", OCT_31_22_10_47],
    ["Thu Feb 29 12:00:00 +0000 2024", Date.UTC(2024, 1, 29, 12)],
    ["  Tue Oct 31 22:10:47 +0000 2017 ", OCT_31_22_10_47],
  ])("%j", (raw, expected) => {
    expect(parseTwitterDate(raw)).toBe(expected);
  });

  it.each([
    "foo",
    "",
    "2017-10-31T22:10:47Z",
    "Tue Foo 31 22:10:47 +0000 2017",
    "Tue Oct 32 22:10:47 +0000 2017",
    "Wed Feb 29 12:00:00 +0000 2023",
    "Tue Oct 31 24:00:00 +0000 2017",
    "Tue Oct 31 22:60:00 +0000 2017",
    "Tue Oct 31 22:10:60 +0000 2017",
    "Tue Oct 31 22:10:47 +1500 2017",
    "Tue Oct 31 22:10:47 +0060 2017",
    "Tue Oct 31 22:10:47 0000 2017",
    "Tue Oct 31 22:10:47 +0000 0099",
  ])("rejects %j", (raw) => {
    expect(parseTwitterDate(raw)).toBeNull();
  });
});

describe("isTwcsHeader", () => {
  it.each([
    [HEADER, true],
    [INDEXED_HEADER, true],
    [["tweet_id", "author_id", "inbound", "created_at"], true],
    [[" Tweet_ID ", "author_id", "INBOUND", "created_at"], true],
    [["tweet_id", "author_id", "inbound", "text"], false],
    [["id", "text"], false],
    [[], false],
  ])("%j -> %s", (header, expected) => {
    expect(isTwcsHeader(header)).toBe(expected);
  });
});
