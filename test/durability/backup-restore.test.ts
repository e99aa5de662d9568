import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiEvent, eventSet, replay } from "./event-set.js";
import { childEnv, postEvents, runCli, type ServeProcess, scratchDir, spawnServe } from "./serve-process.js";

const NOW = Date.parse("2026-03-20T12:00:00Z");
const BATCH = 25;

const running: ServeProcess[] = [];
afterEach(() => {
  for (const server of running.splice(0)) server.proc.kill("SIGKILL");
});

/** Posts `events` in batches, one request at a time, until stopped; records what was acknowledged. */
function writer(url: string, events: readonly ApiEvent[]) {
  const acked: string[] = [];
  let stopped = false;
  const done = (async () => {
    for (let from = 0; from < events.length && !stopped; from += BATCH) {
      const batch = events.slice(from, from + BATCH);
      const response = await postEvents(url, batch);
      if (response.status !== 200)
        throw new Error(`write failed: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      acked.push(...batch.map((event) => event.id));
      // Paced, so that writes go on for the whole backup (a CLI process takes a second or two to start).
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    acked,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

function messageIds(dbPath: string): Set<string> {
  const sqlite = new Database(dbPath, { readonly: true });
  try {
    return new Set(sqlite.prepare("SELECT id FROM messages").pluck().all() as string[]);
  } finally {
    sqlite.close();
  }
}

describe("backup and restore", () => {
  it("backs up a database while the server writes to it, and the restored copy reports as a clean replay", async () => {
    const dir = scratchDir("sla-backup-");
    const env = childEnv(dir, {});
    const dbPath = join(dir, "sla.db");
    const server = spawnServe(env);
    running.push(server);
    const url = await server.listening;
    // Long texts make a database of several backup steps, so writes land between steps.
    const padding = " and some more detail about the order".repeat(12);
    const events = eventSet(6000, NOW).map((event) =>
      event.direction ? { ...event, text: `${event.text ?? ""}${padding}` } : event,
    );
    const load = writer(url, events);
    while (load.acked.length < 1000) await new Promise((resolve) => setTimeout(resolve, 20));

    const ackedBefore = [...load.acked];
    const backupFile = join(dir, "backup.db");
    const backup = await runCli(["backup", "--db", dbPath, backupFile], env);
    const ackedDuring = load.acked.length - ackedBefore.length;
    const ackedAll = load.acked.length;
    await load.stop();
    // Writes went on during the backup and after it.
    expect(ackedDuring).toBeGreaterThan(0);
    expect(ackedAll).toBeLessThan(events.length);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      /^backup of .*sla\.db written to .*backup\.db: \d+ pages \(.* MB\), \d+ messages, \d+ conversations, integrity ok/,
    );

    // A consistent snapshot: everything acknowledged before it began, whole requests only.
    const inBackup = messageIds(backupFile);
    for (const id of ackedBefore) expect(inBackup.has(id)).toBe(true);
    expect(inBackup.size % BATCH === 0 || inBackup.size === events.length).toBe(true);

    // Restoring over the database the server holds is refused; into another path it works.
    const refused = await runCli(["restore", "--db", dbPath, backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is in use by/);
    const restored = join(dir, "restored", "sla.db");
    const restore = await runCli(["restore", "--db", restored, backupFile], env);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`restored .*backup\\.db into .*: ${inBackup.size} messages`));

    const expected = await replay(
      events.filter((event) => inBackup.has(event.id)),
      NOW,
    );
    const report = (db: string) =>
      runCli(["report", "--json", "--now", new Date(NOW).toISOString(), "--db", db], env);
    const fromRestore = await report(restored);
    expect(fromRestore.code).toBe(0);
    expect(fromRestore.stdout).toBe((await report(expected.dbPath)).stdout);
    console.log(
      `backup under load: ${inBackup.size} messages in the backup, ${ackedBefore.length} acknowledged before it, ` +
        `${ackedDuring} during it; ${backup.stdout.trim()}\n${backup.stderr.trim()}`,
    );
  }, 60_000);

  it("restores over an existing database, keeping the previous one, and refuses a file that is no backup", async () => {
    const dir = scratchDir("sla-restore-");
    const env = childEnv(dir, {});
    const events = eventSet(40, NOW);
    const first = await replay(events.slice(0, 30), NOW);
    const second = await replay(events, NOW);
    const target = join(dir, "sla.db");
    expect((await runCli(["restore", "--db", target, second.dbPath], env)).code).toBe(0);
    const again = await runCli(["restore", "--db", target, first.dbPath], env);
    expect(again.stdout).toMatch(/the previous database is kept as .*sla\.db\.before-restore/);
    expect(messageIds(target).size).toBe(30);
    expect(messageIds(`${target}.before-restore`).size).toBe(events.length);

    const notADatabase = join(dir, "events.ndjson");
    writeFileSync(notADatabase, "not sqlite at all, just some text to fill a page of bytes\n".repeat(100));
    const refused = await runCli(["restore", "--db", target, notADatabase], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/FILE: .*events\.ndjson/);
    expect(messageIds(target).size).toBe(30);
  });
});
