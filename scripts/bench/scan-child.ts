/**
 * Child entry point of the `scan` benchmark: two seeded databases (a short history and a long one) get
 * the same burst of open conversations, then the breach scan (`raiseAlerts` through `AlertStore`, what
 * the scheduler runs before delivering) is timed on both in turn: a first cycle on an empty outbox
 * (raising every alert), then a repeat at the same moment (nothing new). Nothing is delivered.
 *
 *   node --import tsx scripts/bench/scan-child.ts --small D1 --large D2 --now MS --open K --runs R --outbox DIR
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { createRandom } from "../../src/demo/random.js";
import type { SlaEvent } from "../../src/domain/event.js";
import { createNodeService, type NodeService } from "../../src/runtime/node-service.js";
import { type AlertSettings, raiseAlerts } from "../../src/services/raise-alerts.js";
import { AlertStore } from "../../src/storage/alert-store.js";
import { reportToParent } from "./child-process.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Brands of the generated history (the first of its naming scheme), so the burst is attributed alike. */
const BRANDS = ["AcmeSupport", "NimbusHelp", "ParcelPalCare", "Ask_BrightBank", "Zephyr_Cares"];

/** Timings and counts of one database. */
export interface ScanSide {
  conversations: number;
  /** Milliseconds of each first cycle (empty outbox). */
  first: number[];
  /** Milliseconds of each repeat cycle (everything already raised). */
  repeat: number[];
  /** Alerts raised by a first cycle. */
  raised: number;
  /** Alerts raised by repeat cycles, in all: must stay 0. */
  raisedAgain: number;
}

export interface ScanChildReport {
  small: ScanSide;
  large: ScanSide;
}

/**
 * `count` conversations opened by customers between 20 h and 1.6 h before `now` (past the warning
 * point of the default 2 h target, most past the deadline, some past the escalation), none answered; some
 * customers nudge. The same events for the same arguments.
 */
function openBurst(now: number, count: number): SlaEvent[] {
  const rng = createRandom(7);
  const events: SlaEvent[] = [];
  for (let i = 0; i < count; i++) {
    const brand = rng.pick(BRANDS);
    const at = Math.round(now - rng.between(1.6 * HOUR, 20 * HOUR));
    const message = (id: string, time: number, text: string, inReplyTo: string | null): SlaEvent => ({
      type: "message",
      source: "x",
      id,
      direction: "inbound",
      author: `burst${i}`,
      at: time,
      account: null,
      inReplyTo,
      links: [],
      conversation: null,
      text: `@${brand} ${text}`,
      automated: false,
    });
    events.push(message(`open-${i}`, at, "my order never arrived, can someone help?", null));
    const nudgeAt = at + Math.round(rng.between(10 * MINUTE, HOUR));
    if (rng.chance(0.3) && nudgeAt < now)
      events.push(message(`open-${i}-n`, nudgeAt, "hello??", `open-${i}`));
  }
  return events;
}

interface Side {
  service: NodeService;
  alerts: AlertStore;
  settings: AlertSettings;
  result: ScanSide;
}

function open(dbPath: string, outbox: string, now: number, count: number): Side {
  const config = loadConfig({
    SLA_DB: dbPath,
    SLA_OUTBOX_DIR: outbox,
    ALERT_TO: "leads@example.com",
    ALERT_ESCALATION_TO: "head-of-support@example.com",
  });
  const service = createNodeService(config);
  service.store.write(openBurst(now, count), now);
  const conversations = service.handle.sqlite
    .prepare("SELECT count(*) FROM conversations")
    .pluck()
    .get() as number;
  return {
    service,
    alerts: new AlertStore(service.handle),
    settings: { policies: service.policies, alerts: config.alerts },
    result: { conversations, first: [], repeat: [], raised: 0, raisedAgain: 0 },
  };
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

async function cycle(side: Side, now: number): Promise<void> {
  // An empty outbox, outside the timing: every run raises the same alerts.
  side.service.handle.sqlite.exec("DELETE FROM alert_deliveries; DELETE FROM alerts;");
  let started = performance.now();
  const raised = total(await raiseAlerts(side.alerts, side.settings, now));
  side.result.first.push(performance.now() - started);
  side.result.raised = raised;
  started = performance.now();
  side.result.raisedAgain += total(await raiseAlerts(side.alerts, side.settings, now));
  side.result.repeat.push(performance.now() - started);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: "string" },
      large: { type: "string" },
      now: { type: "string" },
      open: { type: "string" },
      runs: { type: "string" },
      outbox: { type: "string" },
    },
  });
  const now = Number(values.now);
  const count = Number(values.open);
  const runs = Number(values.runs);
  if (!values.small || !values.large || !values.outbox || !(now > 0) || !(count > 0) || !(runs > 0)) {
    throw new Error("usage: scan-child.ts --small D1 --large D2 --now MS --open K --runs R --outbox DIR");
  }
  const small = open(values.small, values.outbox, now, count);
  const large = open(values.large, values.outbox, now, count);
  try {
    for (let run = 0; run < runs; run++) {
      // Alternating which goes first, so neither always runs right after the other.
      const order = run % 2 === 0 ? [small, large] : [large, small];
      for (const side of order) await cycle(side, now);
    }
    const report: ScanChildReport = { small: small.result, large: large.result };
    reportToParent({ ...report });
  } finally {
    await small.service.close();
    await large.service.close();
  }
}

await main();
