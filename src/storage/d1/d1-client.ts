/**
 * The part of Cloudflare's D1 binding the stores use, declared here so the Node build needs no Workers
 * types; `env.DB` satisfies it.
 */
export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  run(): Promise<{ meta: { changes: number } }>;
}

export interface D1Client {
  prepare(sql: string): D1Statement;
  /** Runs the statements in order as one transaction: all of them or none. */
  batch<T = Record<string, unknown>>(
    statements: D1Statement[],
  ): Promise<Array<{ results: T[]; meta: { changes: number } }>>;
}

/**
 * Characters of JSON bound to one statement of a JSON-array insert: at most 3 bytes of UTF-8 each, so a
 * value stays under D1's limit of 1 MB per string or row value.
 */
export const JSON_CHARS_PER_STATEMENT = 300_000;

/**
 * An insert of many rows bound as one JSON array of arrays (`[[c1, c2, ...], ...]`): one statement with
 * one parameter, whatever the row count, so a batch stays far below D1's limits of 100 bound parameters
 * per statement and of queries per invocation.
 */
export function jsonInsertSql(table: string, columns: readonly string[], verb = "INSERT"): string {
  const values = columns.map((_, i) => `value ->> ${i}`).join(", ");
  return `${verb} INTO ${table} (${columns.join(", ")}) SELECT ${values} FROM json_each(?)`;
}

/** The statements inserting `rows` with `sql` (from `jsonInsertSql`), as many rows each as fit in one value. */
export function jsonInserts(d1: D1Client, sql: string, rows: readonly unknown[][]): D1Statement[] {
  const statements: D1Statement[] = [];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0) statements.push(d1.prepare(sql).bind(`[${chunk.join(",")}]`));
    chunk = [];
    size = 0;
  };
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (size + json.length + 1 > JSON_CHARS_PER_STATEMENT) flush();
    chunk.push(json);
    size += json.length + 1;
  }
  flush();
  return statements;
}

/**
 * Whether a batch failed because another writer came first: a unique key taken, or a guard that found its
 * read stale (`json()` of a non-JSON marker fails with "malformed JSON").
 */
export function isWriteConflict(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed|malformed JSON/.test(error.message);
}
