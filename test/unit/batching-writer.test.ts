import { describe, expect, it } from "vitest";
import type { SlaEvent } from "../../src/domain/event.js";
import { BatchingWriter, type EventWriter, type WriteOutcome } from "../../src/services/batching-writer.js";

const event = (id: string): SlaEvent => ({
  type: "message",
  source: "x",
  id,
  direction: "inbound",
  author: "ann",
  at: Date.UTC(2026, 2, 2, 9),
  account: null,
  inReplyTo: null,
  links: [],
  conversation: null,
  text: "@acme hello",
  automated: false,
});

/** Records each write's event ids: one entry per transaction. */
function recorder(): EventWriter & { writes: string[][] } {
  const writes: string[][] = [];
  return {
    writes,
    write: (events) => {
      writes.push(events.map((e) => e.id));
      return events.map((): WriteOutcome => "stored");
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("BatchingWriter", () => {
  it("writes what is submitted in one turn of the event loop as one transaction", async () => {
    const store = recorder();
    const writer = new BatchingWriter(store, () => 0);
    const answers = await Promise.all([writer.submit([event("a")]), writer.submit([event("b"), event("c")])]);
    expect(store.writes).toEqual([["a", "b", "c"]]);
    expect(answers).toEqual([["stored"], ["stored", "stored"]]);
  });

  it("holds commits until released, then writes what waited together", async () => {
    const store = recorder();
    const writer = new BatchingWriter(store, () => 0);
    writer.hold();
    let answered = false;
    const first = writer.submit([event("a")]).then((outcomes) => {
      answered = true;
      return outcomes;
    });
    await turn();
    const second = writer.submit([event("b")]);
    await turn();
    await turn();
    expect(store.writes).toEqual([]);
    expect(answered).toBe(false);
    writer.release();
    expect(await first).toEqual(["stored"]);
    expect(await second).toEqual(["stored"]);
    expect(store.writes).toEqual([["a", "b"]]);
  });

  it("writes held events when drained or when they reach the batch limit", async () => {
    const store = recorder();
    const writer = new BatchingWriter(store, () => 0, 3);
    writer.hold();
    void writer.submit([event("a")]);
    await writer.drain();
    expect(store.writes).toEqual([["a"]]);
    void writer.submit([event("b"), event("c")]);
    await turn();
    expect(store.writes).toEqual([["a"]]);
    await writer.submit([event("d")]);
    expect(store.writes).toEqual([["a"], ["b", "c", "d"]]);
  });
});
