import { describe, expect, it } from "vitest";
import { csvLine, formatTwitterDate, TWCS_COLUMNS, twcsRows } from "../../scripts/twcs-rows.js";

const HOUR = 3_600_000;

/** A strict RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

const toCsv = (rows: Iterable<string[]>): string => Array.from(rows, (row) => `${csvLine(row)}\n`).join("");

const column = (name: string): number => TWCS_COLUMNS.indexOf(name);

describe("csvLine", () => {
  it("quotes only fields with commas, quotes or line breaks, doubling quotes", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "x\ny", "", "r\rs"])).toBe('a,"b,c","say ""hi""","x\ny",,"r\rs"');
  });

  it("round-trips awkward fields", () => {
    const rows = [
      ["1", ',"\n,', '""', "plain", ""],
      ["2", "\n", ",", '"', "end"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("formatTwitterDate", () => {
  it("writes Twitter's created_at in UTC with a zero-padded day", () => {
    expect(formatTwitterDate(Date.UTC(2017, 9, 31, 22, 10, 47))).toBe("Tue Oct 31 22:10:47 +0000 2017");
    expect(formatTwitterDate(Date.UTC(2017, 10, 1, 3, 4, 5))).toBe("Wed Nov 01 03:04:05 +0000 2017");
  });
});

describe("twcsRows", () => {
  const rows = [...twcsRows({ rows: 3000, seed: 7 })];
  const [header, ...data] = rows;
  const byId = new Map(data.map((row) => [row[column("tweet_id")] ?? "", row]));

  it("is deterministic for a seed and varies with it", () => {
    expect([...twcsRows({ rows: 3000, seed: 7 })]).toEqual(rows);
    expect([...twcsRows({ rows: 3000, seed: 8 })]).not.toEqual(rows);
  });

  it("starts with the dataset header and produces exactly the rows asked for", () => {
    expect(header).toEqual([...TWCS_COLUMNS]);
    expect(data).toHaveLength(3000);
    for (const count of [0, 1, 2, 9]) expect([...twcsRows({ rows: count })]).toHaveLength(count + 1);
  });

  it("adds the unnamed index column on request", () => {
    const indexed = [...twcsRows({ rows: 50, seed: 7, indexColumn: true })];
    expect(indexed[0]).toEqual(["", ...TWCS_COLUMNS]);
    indexed.slice(1).forEach((row, index) => {
      expect(row[0]).toBe(String(index));
      expect(row.slice(1)).toEqual(data[index]);
    });
  });

  it("round-trips through CSV, including text with commas, quotes and newlines", () => {
    const texts = data.map((row) => row[column("text")] ?? "");
    expect(texts.some((text) => text.includes(","))).toBe(true);
    expect(texts.some((text) => text.includes('"'))).toBe(true);
    expect(texts.some((text) => text.includes("\n"))).toBe(true);
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it("uses unique integer tweet ids and well-formed fields", () => {
    expect(byId.size).toBe(data.length);
    for (const row of data) {
      expect(row).toHaveLength(TWCS_COLUMNS.length);
      expect(row[column("tweet_id")]).toMatch(/^[1-9]\d*$/);
      expect(row[column("inbound")]).toMatch(/^(True|False)$/);
      expect(row[column("created_at")]).toMatch(
        /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}$/,
      );
      expect(row[column("in_response_to_tweet_id")]).toMatch(/^(\d+\.0)?$/);
      expect(row[column("response_tweet_id")]).toMatch(/^(\d+(,\d+)*)?$/);
      const author = row[column("author_id")] ?? "";
      const text = row[column("text")] ?? "";
      if (row[column("inbound")] === "True") expect(author).toMatch(/^\d+$/);
      else expect(text.startsWith("@")).toBe(true);
      expect(/^\d+$/.test(author)).toBe(row[column("inbound")] === "True");
    }
  });

  it("points every reply and response list at rows of the set, consistently both ways", () => {
    let multiple = 0;
    for (const row of data) {
      const id = row[column("tweet_id")] ?? "";
      const parent = row[column("in_response_to_tweet_id")] ?? "";
      if (parent !== "") {
        const target = byId.get(parent.replace(/\.0$/, ""));
        expect(target, `${id} answers ${parent}`).toBeDefined();
        expect((target?.[column("response_tweet_id")] ?? "").split(",")).toContain(id);
      }
      const responses = (row[column("response_tweet_id")] ?? "").split(",").filter((r) => r !== "");
      if (responses.length > 1) multiple++;
      for (const response of responses) {
        expect(byId.get(response)?.[column("in_response_to_tweet_id")]).toBe(`${id}.0`);
      }
    }
    expect(multiple).toBeGreaterThan(0);
  });

  it("keeps threads adjacent, with unanswered tweets and customers returning after 72 h", () => {
    const positions = new Map(data.map((row, index) => [row[column("tweet_id")] ?? "", index]));
    let returning = 0;
    for (const [index, row] of data.entries()) {
      const parentId = (row[column("in_response_to_tweet_id")] ?? "").replace(/\.0$/, "");
      if (parentId === "") continue;
      expect(Math.abs((positions.get(parentId) ?? Number.POSITIVE_INFINITY) - index)).toBeLessThan(8);
      const parent = byId.get(parentId);
      const gap =
        Date.parse(row[column("created_at")] ?? "") - Date.parse(parent?.[column("created_at")] ?? "");
      if (row[column("inbound")] === "True" && gap > 72 * HOUR) returning++;
    }
    const unanswered = data.filter(
      (row) => row[column("inbound")] === "True" && row[column("response_tweet_id")] === "",
    ).length;
    expect(returning).toBeGreaterThan(0);
    expect(unanswered).toBeGreaterThan(0);
  });

  it("spreads threads over the requested number of brands", () => {
    const brands = new Set(data.filter((row) => row[column("inbound")] === "False").map((row) => row[1]));
    expect(brands.size).toBeGreaterThan(1);
    expect(brands.size).toBeLessThanOrEqual(20);
    const few = [...twcsRows({ rows: 500, brands: 3 })].slice(1);
    expect(new Set(few.filter((row) => row[column("inbound")] === "False").map((row) => row[1])).size).toBe(
      3,
    );
    expect(() => [...twcsRows({ rows: 1, brands: 0 })]).toThrow(RangeError);
  });

  it("starts at the requested date", () => {
    const start = Date.UTC(2020, 0, 15);
    const times = [...twcsRows({ rows: 200, start })]
      .slice(1)
      .map((row) => Date.parse(row[column("created_at")] ?? ""));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.min(...times)).toBeLessThan(start + 3 * HOUR);
  });
});
