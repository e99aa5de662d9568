/** Writes a seeded twcs-format CSV (header plus `rows` data rows) with flat memory. */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { csvLine, twcsRows } from "../twcs-rows.js";

/** Bytes gathered before each write: few syscalls, flat memory. */
const CHUNK_CHARS = 1 << 16;

/** Writes the file and resolves with its number of data rows. */
export async function writeTwcsFile(path: string, rows: number, seed = 1): Promise<number> {
  const stream = createWriteStream(path);
  let chunk = "";
  let written = -1; // the header is not a data row
  for (const fields of twcsRows({ rows, seed })) {
    chunk += `${csvLine(fields)}\n`;
    written++;
    if (chunk.length < CHUNK_CHARS) continue;
    const flushed = stream.write(chunk);
    chunk = "";
    if (!flushed) await once(stream, "drain");
  }
  stream.end(chunk);
  await finished(stream);
  return written;
}
