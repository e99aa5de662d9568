import type Database from "better-sqlite3";
import type { PolicyRegistry, PolicySet, SlaPolicy } from "../domain/policy.js";
import { definitionText, policyFromDefinition } from "./policy-definition.js";

interface PolicyRow {
  id: number;
  name: string;
  version: number;
  definition: string;
}

interface SetRow {
  id: number;
  window_ms: number;
  members: string;
}

/** What storing the configured policies changed. */
export interface PolicyChanges {
  /** Policies stored with a new version (or for the first time), as `name v2`. */
  versions: string[];
  /** Whether a new policy set was stored (a policy, their order or the window changed). */
  newSet: boolean;
  /** The set in force before, when there was one. */
  previous: PolicySet | null;
}

/**
 * Every policy version and policy set ever in force. Storing the configured set gives each changed policy
 * a new version and records a new set; conversations keep the set they were measured with, so a change never
 * rewrites past results on its own.
 */
export class PolicyStore implements PolicyRegistry {
  private readonly sets = new Map<number, PolicySet>();
  private currentSet: PolicySet | null = null;

  constructor(private readonly sqlite: Database.Database) {}

  /** The set in force (after `ensure`). */
  get current(): PolicySet {
    if (!this.currentSet) throw new Error("policies not loaded: call ensure() first");
    return this.currentSet;
  }

  /** A stored set by id; undefined for conversations stored before policies were versioned (set 0). */
  set(id: number): PolicySet | undefined {
    if (id === 0) return undefined;
    let set = this.sets.get(id);
    if (!set) {
      const row = this.sqlite
        .prepare("SELECT id, window_ms, members FROM policy_sets WHERE id = ?")
        .get(id) as SetRow | undefined;
      if (!row) return undefined;
      set = this.load(row);
      this.sets.set(id, set);
    }
    return set;
  }

  /** Every stored version of a policy, or of all of them: name, version, definition, when stored. */
  versions(name?: string): Array<{ policy: SlaPolicy; createdAt: number }> {
    const rows = this.sqlite
      .prepare(
        `SELECT name, version, definition, created_at FROM policies
         WHERE ? IS NULL OR name = ? ORDER BY name, version`,
      )
      .all(name ?? null, name ?? null) as Array<PolicyRow & { created_at: number }>;
    return rows.map((row) => ({
      policy: policyFromDefinition(row.name, row.version, row.definition),
      createdAt: row.created_at,
    }));
  }

  /** Stores the configured set (new versions for changed policies) and makes it the current one. */
  ensure(configured: PolicySet, now: number): PolicyChanges {
    const changes: PolicyChanges = { versions: [], newSet: false, previous: null };
    const run = this.sqlite.transaction(() => {
      const latest = this.sqlite.prepare(
        "SELECT id, name, version, definition FROM policies WHERE name = ? ORDER BY version DESC LIMIT 1",
      );
      const insert = this.sqlite.prepare(
        "INSERT INTO policies (name, version, definition, created_at) VALUES (?, ?, ?, ?)",
      );
      const ids: number[] = [];
      const policies: SlaPolicy[] = [];
      for (const policy of configured.policies) {
        const text = definitionText(policy);
        const stored = latest.get(policy.name) as PolicyRow | undefined;
        if (stored && stored.definition === text) {
          ids.push(stored.id);
          policies.push({ ...policy, version: stored.version });
          continue;
        }
        const version = (stored?.version ?? 0) + 1;
        ids.push(Number(insert.run(policy.name, version, text, now).lastInsertRowid));
        policies.push({ ...policy, version });
        changes.versions.push(`${policy.name} v${version}`);
      }
      const members = JSON.stringify(ids);
      const last = this.sqlite
        .prepare("SELECT id, window_ms, members FROM policy_sets ORDER BY id DESC LIMIT 1")
        .get() as SetRow | undefined;
      if (last) changes.previous = this.set(last.id) ?? null;
      let id = last?.id ?? 0;
      if (!last || last.members !== members || last.window_ms !== configured.windowMs) {
        id = Number(
          this.sqlite
            .prepare("INSERT INTO policy_sets (window_ms, members, created_at) VALUES (?, ?, ?)")
            .run(configured.windowMs, members, now).lastInsertRowid,
        );
        changes.newSet = true;
      }
      const set: PolicySet = { id, windowMs: configured.windowMs, policies };
      this.sets.set(id, set);
      this.currentSet = set;
    });
    run.immediate();
    return changes;
  }

  private load(row: SetRow): PolicySet {
    const byId = this.sqlite.prepare("SELECT id, name, version, definition FROM policies WHERE id = ?");
    const policies = (JSON.parse(row.members) as number[]).map((id) => {
      const policy = byId.get(id) as PolicyRow;
      return policyFromDefinition(policy.name, policy.version, policy.definition);
    });
    return { id: row.id, windowMs: row.window_ms, policies };
  }
}
