import type { PolicyRegistry, PolicySet, SlaPolicy } from "../../domain/policy.js";
import { definitionText, policyFromDefinition } from "../policy-definition.js";
import type { D1Client } from "./d1-client.js";

interface PolicyRow {
  id: number;
  name: string;
  version: number;
  definition: string;
  created_at: number;
}

interface SetRow {
  id: number;
  window_ms: number;
  members: string;
}

/**
 * The policy versions and sets on D1, read whole into memory when a Worker starts (a few rows). Storing the
 * configured set works as on Node: a changed policy gets a new version, a changed set a new id. Two Workers
 * starting at once may both store the same new set; conversations pinned to either are measured alike.
 */
export class D1PolicyStore implements PolicyRegistry {
  private readonly sets = new Map<number, PolicySet>();
  private rows: PolicyRow[] = [];
  private currentSet: PolicySet | null = null;

  private constructor(private readonly d1: D1Client) {}

  /** Reads the stored policies and makes `configured` the current set (storing what is new). */
  static async open(d1: D1Client, configured: PolicySet, now: number): Promise<D1PolicyStore> {
    const store = new D1PolicyStore(d1);
    await store.ensure(configured, now);
    return store;
  }

  get current(): PolicySet {
    if (!this.currentSet) throw new Error("policies not loaded");
    return this.currentSet;
  }

  set(id: number): PolicySet | undefined {
    return id === 0 ? undefined : this.sets.get(id);
  }

  versions(name?: string): Array<{ policy: SlaPolicy; createdAt: number }> {
    return this.rows
      .filter((row) => name === undefined || row.name === name)
      .map((row) => ({
        policy: policyFromDefinition(row.name, row.version, row.definition),
        createdAt: row.created_at,
      }));
  }

  private async ensure(configured: PolicySet, now: number): Promise<void> {
    await this.load();
    const ids: number[] = [];
    const policies: SlaPolicy[] = [];
    for (const policy of configured.policies) {
      const text = definitionText(policy);
      const stored = this.rows.filter((row) => row.name === policy.name).at(-1);
      if (stored && stored.definition === text) {
        ids.push(stored.id);
        policies.push({ ...policy, version: stored.version });
        continue;
      }
      const version = (stored?.version ?? 0) + 1;
      // Another Worker may have stored this version first: the unique key keeps one, which is then read.
      await this.d1
        .prepare(
          `INSERT INTO policies (name, version, definition, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name, version) DO NOTHING`,
        )
        .bind(policy.name, version, text, now)
        .run();
      const row = await this.d1
        .prepare(
          "SELECT id, name, version, definition, created_at FROM policies WHERE name = ? AND version = ?",
        )
        .bind(policy.name, version)
        .first<PolicyRow>();
      if (!row) throw new Error(`policy ${policy.name} v${version} could not be stored`);
      this.rows.push(row);
      ids.push(row.id);
      policies.push({ ...policy, version: row.version });
    }
    const members = JSON.stringify(ids);
    const last = await this.d1
      .prepare("SELECT id, window_ms, members FROM policy_sets ORDER BY id DESC LIMIT 1")
      .first<SetRow>();
    let id = last?.id ?? 0;
    if (!last || last.members !== members || last.window_ms !== configured.windowMs) {
      const row = await this.d1
        .prepare("INSERT INTO policy_sets (window_ms, members, created_at) VALUES (?, ?, ?) RETURNING id")
        .bind(configured.windowMs, members, now)
        .first<{ id: number }>();
      id = row?.id ?? 0;
    }
    const set: PolicySet = { id, windowMs: configured.windowMs, policies };
    this.sets.set(id, set);
    this.currentSet = set;
  }

  private async load(): Promise<void> {
    const [policies, sets] = await this.d1.batch([
      this.d1.prepare(
        "SELECT id, name, version, definition, created_at FROM policies ORDER BY name, version",
      ),
      this.d1.prepare("SELECT id, window_ms, members FROM policy_sets"),
    ]);
    this.rows = (policies?.results ?? []) as unknown as PolicyRow[];
    const byId = new Map(this.rows.map((row) => [row.id, row]));
    for (const row of (sets?.results ?? []) as unknown as SetRow[]) {
      const members = (JSON.parse(row.members) as number[]).flatMap((id) => {
        const policy = byId.get(id);
        return policy ? [policyFromDefinition(policy.name, policy.version, policy.definition)] : [];
      });
      this.sets.set(row.id, { id: row.id, windowMs: row.window_ms, policies: members });
    }
  }
}
