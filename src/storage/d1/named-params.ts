/** SQL written with named parameters (`@name`, as better-sqlite3 binds them) for D1, which binds by position. */
export interface PositionalSql {
  sql: string;
  names: string[];
}

/** Rewrites `@name` parameters to numbered ones (`?1`, `?2`, ...), the same name getting the same number. */
export function toPositional(sql: string): PositionalSql {
  const names: string[] = [];
  const text = sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `?${index + 1}`;
  });
  return { sql: text, names };
}

/** The values of `params` in the order of `names`; a missing one is an error, as on better-sqlite3. */
export function positionalValues(names: readonly string[], params: Record<string, unknown>): unknown[] {
  return names.map((name) => {
    if (!(name in params)) throw new Error(`missing named parameter "${name}"`);
    return params[name];
  });
}
