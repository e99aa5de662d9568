/**
 * A strict RFC 4180 parser for tests: quoted fields may hold commas, quotes (doubled) and line breaks;
 * records end with CRLF. Anything else (a bare quote inside an unquoted field, a lone LF between records)
 * throws, so a test cannot pass on CSV a spreadsheet would misread.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error(`unterminated quoted field at ${i}`);
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n]/);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (field.includes('"')) throw new Error(`a quote inside an unquoted field at ${i}`);
      i += field.length;
    }
    record.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    if (i < text.length) throw new Error(`expected a comma or CRLF at ${i}`);
  }
  if (record.length > 0) throw new Error("the last record does not end with CRLF");
  return records;
}

/** The CSV's rows as objects keyed by the header's names. */
export function csvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error("no header");
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`a row of ${row.length} fields: ${row.join(",")}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""]));
  });
}
