import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import { inbound, outbound, T0 } from "../support/events.js";

const HOUR = 3_600_000;
const rows = (service: ReturnType<typeof createNodeService>) =>
  service.handle.sqlite
    .prepare("SELECT id, due_at, account, policy, policy_version FROM conversations ORDER BY id")
    .all();

describe("a changed policy", () => {
  it("gets a new version; past conversations keep theirs until recomputed", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "sla-policy-")), "sla.db");
    const first = createNodeService(loadConfig({ SLA_DB: db }), { clock: () => T0 });
    first.store.write(
      [
        inbound("1", 0, { text: "@ZedCare hi" }),
        inbound("2", 0, { source: "x" }),
        outbound("3", 30, { source: "x", inReplyTo: "2" }),
      ],
      T0,
    );
    expect(rows(first)).toEqual([
      { id: "api:1", due_at: T0 + 2 * HOUR, account: "unattributed", policy: "default", policy_version: 1 },
      { id: "x:2", due_at: T0 + 2 * HOUR, account: "AcmeHelp", policy: "default", policy_version: 1 },
    ]);
    await first.close();

    const logs: string[] = [];
    const second = createNodeService(loadConfig({ SLA_DB: db, SLA_TARGET: "30m", SLA_ACCOUNTS: "ZedCare" }), {
      clock: () => T0,
      log: (line) => logs.push(line),
    });
    expect(logs.join("\n")).toMatch(/policies changed \(default v2\).*sla recompute/);
    // Attribution follows the newly known account; the deadline stays the one it was measured with.
    second.store.write(
      [inbound("4", 60, { source: "x", inReplyTo: "3" }), inbound("5", 60, { text: "new" })],
      T0 + HOUR,
    );
    expect(rows(second)).toEqual([
      { id: "api:1", due_at: T0 + 2 * HOUR, account: "ZedCare", policy: "default", policy_version: 1 },
      {
        id: "api:5",
        due_at: T0 + 90 * 60_000,
        account: "unattributed",
        policy: "default",
        policy_version: 2,
      },
      { id: "x:2", due_at: T0 + 2 * HOUR, account: "AcmeHelp", policy: "default", policy_version: 1 },
    ]);
    expect(second.policies.versions("default").map((v) => v.policy.version)).toEqual([1, 2]);

    second.store.recomputeAll();
    expect(rows(second)).toEqual([
      { id: "api:1", due_at: T0 + 30 * 60_000, account: "ZedCare", policy: "default", policy_version: 2 },
      {
        id: "api:5",
        due_at: T0 + 90 * 60_000,
        account: "unattributed",
        policy: "default",
        policy_version: 2,
      },
      { id: "x:2", due_at: T0 + 30 * 60_000, account: "AcmeHelp", policy: "default", policy_version: 2 },
    ]);
    await second.close();

    // The same configuration again changes nothing.
    const third = createNodeService(loadConfig({ SLA_DB: db, SLA_TARGET: "30m", SLA_ACCOUNTS: "ZedCare" }), {
      clock: () => T0,
      log: (line) => logs.push(line),
    });
    expect(third.policies.current.policies.map((p) => `${p.name} v${p.version}`)).toEqual(["default v2"]);
    expect(logs.filter((line) => line.includes("policies changed"))).toHaveLength(1);
    await third.close();
  });
});
