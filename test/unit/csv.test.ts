import { describe, expect, it } from "vitest";
import { csvRecord, csvText } from "../../src/services/csv.js";
import { parseCsv } from "../support/csv-parse.js";

describe("csvText", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rlf\r\n", '"cr\rlf\r\n"'],
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+31 20 123", "'+31 20 123"],
    ["-2+3", "'-2+3"],
    ["@AcmeHelp hi", "'@AcmeHelp hi"],
    ["\tindented", "'\tindented"],
    ['=HYPERLINK("http://x.test","y")', '"\'=HYPERLINK(""http://x.test"",""y"")"'],
    ["a=b", "a=b"],
    ["'quoted already", "'quoted already"],
  ])("%j is written as %j", (text, written) => {
    expect(csvText(text)).toBe(written);
  });
});

describe("csvRecord", () => {
  it("ends with CRLF, writes null as empty and numbers and booleans as they are", () => {
    expect(csvRecord(["a", null, 0, -5, 1.5, true, false])).toBe("a,,0,-5,1.5,true,false\r\n");
  });

  it("round-trips through an RFC 4180 parser", () => {
    const texts = ["x", 'q"uote', "comma,", "line\r\nbreak", "", "  spaced  ", "ünïcødé 🎉"];
    expect(parseCsv(csvRecord(texts) + csvRecord(texts))).toEqual([texts, texts]);
  });
});
