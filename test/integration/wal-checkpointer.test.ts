import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
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
      // SQLite's own checkpoint (in the commit that crosses it) is left as a fallback far above the WAL's size.
      expect(s.handle.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(10_000);
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
});
