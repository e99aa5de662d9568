import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { startWalCheckpointer } from "../../src/runtime/wal-checkpointer.js";
import { openDatabase } from "../../src/storage/database.js";
import { createTestService } from "../support/test-service.js";

const events = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `m${from + i}`,
    source: "x",
    direction: "inbound",
    author: `cust-${from + i}`,
    at: "2026-03-02T09:00:00Z",
    text: `@AcmeHelp order ${from + i} has not arrived, can you check where it is?`,
  }));

describe("WAL checkpoints", () => {
  it("are done by a worker while the service writes, not by the commits of requests", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sla-wal-")), "sla.db");
    const s = createTestService({ SLA_DB: path, SLA_SUMMARY_HOUR: "off" });
    try {
      // SQLite's own checkpoint (in the commit that crosses it) is left as a fallback far above the WAL's
      // size: 64 MiB of 1 KiB pages, the page size of a new database.
      expect(s.handle.sqlite.pragma("page_size", { simple: true })).toBe(1024);
      expect(s.handle.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(65_536);
      const before = statSync(path).size;
      for (let n = 0; n < 6; n++) expect((await s.post(events(n * 1000, 1000))).status).toBe(200);
      const wal = statSync(`${path}-wal`).size;
      expect(wal).toBeGreaterThan(1_000_000);
      // The worker copies the WAL into the database file on its own, a few times a second.
      await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + wal / 2), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await s.close();
    }
    // The last connection to close removes the WAL: the worker's was closed before the service's.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("leave a database created with 4 KiB pages at that size, with the fallback at the same WAL size", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sla-wal-")), "sla.db");
    const earlier = new Database(path);
    earlier.pragma("page_size = 4096");
    earlier.pragma("user_version = 0");
    earlier.close();
    const s = createTestService({ SLA_DB: path, SLA_SUMMARY_HOUR: "off" });
    try {
      expect(s.handle.sqlite.pragma("page_size", { simple: true })).toBe(4096);
      expect(s.handle.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(16_384);
      expect((await s.post(events(0, 100))).status).toBe(200);
      expect(s.handle.sqlite.prepare("SELECT count(*) FROM conversations").pluck().get()).toBe(100);
    } finally {
      await s.close();
    }
  });

  it("start the WAL over under steady writes, holding commits while the worker folds in the rest", async () => {
    // Each hold ends when the worker says, however slow a busy machine makes its checkpoint.
    const run = await writeSteadily(60_000);
    expect(run.errors).toEqual([]);
    expect(run.holds).toBeGreaterThan(3);
    // Started over after holds, long before SQLite's own fallback (64 MiB) could.
    expect(run.restarts).toBeGreaterThan(3);
    expect(run.held).toBe(false);
  });

  it("stop holding commits for a while after a hold that ran out of time", async () => {
    // A hold runs out at once unless the worker's answer comes first; the first that runs out starts a
    // 10-second cool-down, longer than the whole run.
    const run = await writeSteadily(0);
    expect(run.errors).toEqual([]);
    expect(run.holds).toBeGreaterThan(0);
    expect(run.holds).toBeLessThan(4);
    expect(run.held).toBe(false);
  });
});

/**
 * About 12 MB of WAL in small commits, one a turn of the event loop and none while held, with a worker
 * that checkpoints every 20 ms and asks for a restart past 256 KiB of WAL.
 */
async function writeSteadily(maxHoldMs: number) {
  const path = join(mkdtempSync(join(tmpdir(), "sla-wal-")), "sla.db");
  const handle = openDatabase(path);
  handle.sqlite.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = handle.sqlite.prepare("INSERT INTO filler (body) VALUES (?)");
  const run = { held: false, holds: 0, restarts: 0, errors: [] as string[] };
  const checkpointer = startWalCheckpointer(handle.sqlite, path, {
    onError: (message) => run.errors.push(message),
    gate: {
      hold: () => {
        run.held = true;
      },
      release: () => {
        run.held = false;
        run.holds++;
      },
    },
    intervalMs: 20,
    restartBytes: 256 * 1024,
    maxHoldMs,
  });
  try {
    const body = "x".repeat(800);
    // The WAL header's checkpoint sequence: SQLite counts each start-over there.
    const sequence = () => readFileSync(`${path}-wal`).readUInt32BE(12);
    const first = sequence();
    for (let written = 0; written < 12_000; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (run.held) continue;
      handle.sqlite.transaction(() => {
        for (let i = 0; i < 4; i++) insert.run(body);
      })();
      written += 4;
    }
    run.restarts = sequence() - first;
    return run;
  } finally {
    await checkpointer.stop();
    handle.close();
  }
}
