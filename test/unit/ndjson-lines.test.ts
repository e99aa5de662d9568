import { describe, expect, it } from "vitest";
import { type NdjsonLine, ndjsonLines } from "../../src/ingest/ndjson-lines.js";

async function collect(chunks: Array<string | Uint8Array>, maxLineChars?: number): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  const options = maxLineChars === undefined ? {} : { maxLineChars };
  for await (const line of ndjsonLines(chunks, options)) lines.push(line);
  return lines;
}

describe("ndjsonLines", () => {
  it.each([
    {
      name: "LF lines",
      input: '{"a":1}\n{"b":2}\n',
      expected: [
        [1, '{"a":1}'],
        [2, '{"b":2}'],
      ],
    },
    {
      name: "no trailing newline",
      input: "{}\n[]",
      expected: [
        [1, "{}"],
        [2, "[]"],
      ],
    },
    {
      name: "CRLF lines",
      input: "{}\r\n[]\r\n",
      expected: [
        [1, "{}"],
        [2, "[]"],
      ],
    },
    {
      name: "blank lines skipped, numbers kept",
      input: "\n{}\n  \r\n\t\n[]\n\n",
      expected: [
        [2, "{}"],
        [5, "[]"],
      ],
    },
    { name: "BOM dropped", input: "\uFEFF{}\n", expected: [[1, "{}"]] },
    { name: "bare CR inside a line kept", input: '"a\rb"\n', expected: [[1, '"a\rb"']] },
    { name: "empty input", input: "", expected: [] },
  ])("$name", async ({ input, expected }) => {
    const lines = await collect([input]);
    expect(lines.map((l) => [l.line, l.text])).toEqual(expected);
  });

  const sample = '\uFEFF{"t":"é😡"}\r\n\n{"u":"x"}\n  \n{"v":[1,2]}\r\n';

  it("gives identical lines for every split of a string", async () => {
    const expected = await collect([sample]);
    expect(expected).toHaveLength(3);
    for (let j = 0; j <= sample.length; j++) {
      for (let k = j; k <= sample.length; k++) {
        const got = await collect([sample.slice(0, j), sample.slice(j, k), sample.slice(k)]);
        expect(got, `split at ${j}, ${k}`).toEqual(expected);
      }
    }
  });

  it("gives identical lines for every byte split of a Buffer, including inside multi-byte characters", async () => {
    const bytes = new TextEncoder().encode(sample);
    const expected = await collect([sample]);
    for (let k = 0; k <= bytes.length; k++) {
      const got = await collect([bytes.subarray(0, k), bytes.subarray(k)]);
      expect(got, `byte split at ${k}`).toEqual(expected);
    }
  });

  it("throws on a line longer than maxLineChars, naming the line", async () => {
    await expect(collect(["{}\n", "x".repeat(60), "x".repeat(60)], 100)).rejects.toThrow(/^line 2: longer/);
  });
});
