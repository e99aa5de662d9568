import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createNodeService } from "../../src/runtime/node-service.js";
import { inbound, outbound, T0 } from "../support/events.js";

describe("a changed policy", () => {
  it("derives the stored conversations again on start, and mentions of newly known accounts attribute them", async () => {
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
    const before = first.handle.sqlite
      .prepare("SELECT id, due_at, account FROM conversations ORDER BY id")
      .all();
    expect(before).toEqual([
      { id: "api:1", due_at: T0 + 2 * 3_600_000, account: "unattributed" },
      { id: "x:2", due_at: T0 + 2 * 3_600_000, account: "AcmeHelp" },
    ]);
    await first.close();

    const logs: string[] = [];
    const second = createNodeService(loadConfig({ SLA_DB: db, SLA_TARGET: "30m", SLA_ACCOUNTS: "ZedCare" }), {
      clock: () => T0,
      log: (line) => logs.push(line),
    });
    const after = second.handle.sqlite
      .prepare("SELECT id, due_at, account FROM conversations ORDER BY id")
      .all();
    expect(after).toEqual([
      { id: "api:1", due_at: T0 + 30 * 60_000, account: "ZedCare" },
      { id: "x:2", due_at: T0 + 30 * 60_000, account: "AcmeHelp" },
    ]);
    expect(logs.join("\n")).toMatch(/policy changed/);
    await second.close();
  });
});
