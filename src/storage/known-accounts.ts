import type Database from "better-sqlite3";
import type { AccountLookup } from "../domain/attribution.js";

/** The brand accounts known so far, cached in memory; mentions of them attribute unanswered conversations. */
export class KnownAccounts {
  private readonly byKey = new Map<string, string>();
  private readonly insert: Database.Statement;

  constructor(sqlite: Database.Database) {
    for (const row of sqlite.prepare("SELECT key, name FROM accounts").all() as Array<{
      key: string;
      name: string;
    }>) {
      this.byKey.set(row.key, row.name);
    }
    this.insert = sqlite.prepare(
      "INSERT OR IGNORE INTO accounts (key, name, first_seen_at) VALUES (?, ?, ?)",
    );
  }

  readonly lookup: AccountLookup = (handle) => this.byKey.get(handle.toLowerCase());

  /** Records an account; returns true when it was not known before. */
  remember(name: string, at: number): boolean {
    const key = name.toLowerCase();
    if (this.byKey.has(key)) return false;
    this.byKey.set(key, name);
    this.insert.run(key, name, at);
    return true;
  }

  names(): string[] {
    return [...this.byKey.values()];
  }
}
