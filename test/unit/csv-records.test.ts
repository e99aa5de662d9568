import { describe, expect, it } from "vitest";
import { type CsvRecord, CsvSyntaxError, csvRecords } from "../../src/ingest/csv-records.js";

async function collect(chunks: Array<string | Uint8Array>, maxRecordChars?: number): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  const options = maxRecordChars === undefined ? {} : { maxRecordChars };
  for await (const record of csvRecords(chunks, options)) records.push(record);
  return records;
}

async function fields(input: string): Promise<string[][]> {
  return (await collect([input])).map((r) => r.fields);
}

/** Async source, as a file stream would be. */
async function* asyncChunks(chunks: Array<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("csvRecords", () => {
  it.each([
    {
      name: "simple records",
      input: "a,b,c\n1,2,3\n",
      expected: [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
    },
    {
      name: "no trailing newline",
      input: "a,b\n1,2",
      expected: [
        ["a", "b"],
        ["1", "2"],
      ],
    },
    { name: "empty fields", input: ",a,,\n", expected: [["", "a", "", ""]] },
    { name: "quoted comma", input: 'x,"5,7",y\n', expected: [["x", "5,7", "y"]] },
    { name: "doubled quotes", input: '"say ""hi""",""""\n', expected: [['say "hi"', '"']] },
    {
      name: "quoted LF",
      input: '1,"two\nlines",3\n4,5,6\n',
      expected: [
        ["1", "two\nlines", "3"],
        ["4", "5", "6"],
      ],
    },
    { name: "quoted CRLF", input: '1,"a\r\nb"\r\n', expected: [["1", "a\r\nb"]] },
    { name: "quoted bare CR", input: '"a\rb",c\n', expected: [["a\rb", "c"]] },
    {
      name: "CRLF records",
      input: "a,b\r\n1,2\r\n",
      expected: [
        ["a", "b"],
        ["1", "2"],
      ],
    },
    {
      name: "bare CR CR inside an unquoted field",
      input: "3399,@AskPayPal \r\rI just love,3398\n2,x,y\n",
      expected: [
        ["3399", "@AskPayPal \r\rI just love", "3398"],
        ["2", "x", "y"],
      ],
    },
    { name: "bare CR at the end of a field", input: "a\r,b\n", expected: [["a\r", "b"]] },
    { name: "empty quoted field is a record", input: '""\n', expected: [[""]] },
    { name: "blank lines give no record", input: "a\n\n\r\nb\n\n", expected: [["a"], ["b"]] },
    { name: "empty input", input: "", expected: [] },
    { name: "only a newline", input: "\n", expected: [] },
    { name: "BOM dropped", input: "\uFEFFa,b\n", expected: [["a", "b"]] },
    { name: "quote inside an unquoted field is data", input: 'ab"c,d\n', expected: [['ab"c', "d"]] },
    { name: "text after a closing quote is kept", input: '"ab"c,d\n', expected: [["abc", "d"]] },
    { name: "quoted field at the end without newline", input: 'a,"b\nc"', expected: [["a", "b\nc"]] },
    { name: "multi-byte text", input: "é,😡\n", expected: [["é", "😡"]] },
  ])("$name", async ({ input, expected }) => {
    expect(await fields(input)).toEqual(expected);
  });

  it("gives the physical line where each record starts", async () => {
    const input = 'h1,h2\r\n"multi\nline\nfield",x\n\nnext,"a\r\nb"\r\nlast,\r\rz\n';
    const records = await collect([input]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 6, 8]);
    expect(records[3]?.fields).toEqual(["last", "\r\rz"]);
  });

  // A small input that exercises every state: quotes, "", quoted newlines, CRLF, bare CR, multi-byte, BOM.
  const tricky =
    '\uFEFFid,text,list\r\n1,"he said ""hi""\r\nthen left","5,7"\r\n2,a\r\rb,\n3,"x\ny",""\r\n\r\n4,é😡,"""q"""\n5,end\r';

  const trickyRecords: CsvRecord[] = [
    { line: 1, fields: ["id", "text", "list"] },
    { line: 2, fields: ["1", 'he said "hi"\r\nthen left', "5,7"] },
    { line: 4, fields: ["2", "a\r\rb", ""] },
    { line: 5, fields: ["3", "x\ny", ""] },
    { line: 8, fields: ["4", "é😡", '"q"'] },
    { line: 9, fields: ["5", "end\r"] },
  ];

  it("parses the split-test input as one chunk", async () => {
    expect(await collect([tricky])).toEqual(trickyRecords);
  });

  it("gives identical records for every two-way split of a string", async () => {
    for (let k = 0; k <= tricky.length; k++) {
      const got = await collect([tricky.slice(0, k), tricky.slice(k)]);
      expect(got, `split at ${k}`).toEqual(trickyRecords);
    }
  });

  it("gives identical records for every three-way split of a string", async () => {
    for (let j = 0; j <= tricky.length; j++) {
      for (let k = j; k <= tricky.length; k++) {
        const got = await collect([tricky.slice(0, j), tricky.slice(j, k), tricky.slice(k)]);
        expect(got, `split at ${j}, ${k}`).toEqual(trickyRecords);
      }
    }
  });

  it("gives identical records for one-character chunks", async () => {
    expect(await collect([...tricky])).toEqual(trickyRecords);
  });

  it("gives identical records for every byte split of a Buffer, including inside multi-byte characters", async () => {
    const bytes = encode(tricky);
    for (let k = 0; k <= bytes.length; k++) {
      const got = await collect([bytes.subarray(0, k), bytes.subarray(k)]);
      expect(got, `byte split at ${k}`).toEqual(trickyRecords);
    }
  });

  it("rebuilds a 4-byte character fed one byte at a time from an async source", async () => {
    const bytes = encode("😡,é\n");
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    const records: string[][] = [];
    for await (const r of csvRecords(asyncChunks(chunks))) records.push(r.fields);
    expect(records).toEqual([["😡", "é"]]);
  });

  it("drops a BOM given as Buffer bytes, even split", async () => {
    const bytes = encode("\uFEFFa,b\n");
    expect((await collect([bytes.subarray(0, 2), bytes.subarray(2)])).map((r) => r.fields)).toEqual([
      ["a", "b"],
    ]);
  });

  it("keeps a bare CR at the very end of the input as data", async () => {
    expect(await fields("a,b\r")).toEqual([["a", "b\r"]]);
  });

  it("throws on an unterminated quoted field, naming the line", async () => {
    const error = await collect(['a\n"open,\nstill open\n']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ line: 2, message: expect.stringContaining("unterminated") });
  });

  it("throws when a record outgrows maxRecordChars instead of buffering the whole file", async () => {
    const chunks = ['"', "x".repeat(60), "x".repeat(60)];
    await expect(collect(chunks, 100)).rejects.toThrow(/longer than 100/);
    await expect(collect(['"', "x".repeat(60), '"\n'], 100)).resolves.toHaveLength(1);
  });
});
