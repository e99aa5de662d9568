import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireInstanceLock, InstanceLockedError } from "../../src/runtime/instance-lock.js";
import { childEnv, runCli, type ServeProcess, scratchDir, spawnServe } from "./serve-process.js";

const running: ServeProcess[] = [];
afterEach(() => {
  for (const server of running.splice(0)) server.proc.kill("SIGKILL");
});

function start(env: NodeJS.ProcessEnv): ServeProcess {
  const server = spawnServe(env);
  running.push(server);
  return server;
}

const IN_USE = /database .*sla\.db is in use by `.*serve.*` \(pid \d+ on .+, since .+\)/;

describe("the instance lock", () => {
  it("refuses a second holder in the same process until the first releases it", () => {
    const db = join(scratchDir("sla-lock-"), "sla.db");
    const first = acquireInstanceLock(db, "first");
    expect(() => acquireInstanceLock(db, "second")).toThrow(InstanceLockedError);
    expect(() => acquireInstanceLock(db, "second")).toThrow(/in use by `first` \(pid \d+/);
    first.release();
    first.release();
    acquireInstanceLock(db, "third").release();
    // In-memory databases are private to their process: never locked.
    acquireInstanceLock(":memory:", "a");
    acquireInstanceLock(":memory:", "b");
  });

  it("refuses a second server, scan and import on the same file, lets report read, and frees the file on exit", async () => {
    const dir = scratchDir("sla-lock-");
    const env = childEnv(dir, {});
    const first = start(env);
    await first.listening;

    const second = start(env);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(IN_USE);
    await expect(second.listening).rejects.toThrow(/exited/);

    const scan = await runCli(["scan"], env);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toMatch(IN_USE);
    const ndjson = join(dir, "events.ndjson");
    writeFileSync(ndjson, `${JSON.stringify({ id: "1", direction: "inbound", author: "c", at: 0 })}\n`);
    const imported = await runCli(["import", ndjson], env);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(IN_USE);
    const report = await runCli(["report", "--json"], env);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ total: { conversations: 0 } });

    first.proc.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const third = start(env);
    await third.listening;
    // Killed outright, the holder leaves no stale lock: the operating system drops it with the process.
    third.proc.kill("SIGKILL");
    await third.exited;
    const fourth = start(env);
    await fourth.listening;
    fourth.proc.kill("SIGTERM");
    expect(await fourth.exited).toBe(0);
  });
});
