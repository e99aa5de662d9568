/**
 * Child entry point: the real service (`startNodeServer`), configured from the environment like
 * `sla serve` (SLA_DB, SLA_API_TOKEN, PORT=0 for any free port). Reports `{ ready, url }` on stdout and
 * stops cleanly on SIGTERM, so every acknowledged write is committed before the parent counts rows.
 *
 * With BENCH_LOOP_REPORT_MS set, it also reports every that many milliseconds how long its event loop was
 * held up (p99 and worst delay of a timer, from `monitorEventLoopDelay`) and the CPU time it used: what
 * tells a server that blocks apart from a machine too busy to run it.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/runtime/logger.js";
import { startNodeServer, startUntilSignal } from "../../src/runtime/node.js";
import { reportToParent } from "./child-process.js";

const config = loadConfig(process.env);
const logger = createLogger(config.log);
const running = await startUntilSignal(() => startNodeServer(config, logger), logger);
reportToParent({ ready: true, url: running.url });

const alerts = running.service.deps.alerts;
const every = Number(process.env.BENCH_LOOP_REPORT_MS ?? 0);
if (every > 0) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpu = process.cpuUsage();
  setInterval(() => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    reportToParent({
      loop: { p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 },
      cpuMs: (used.user + used.system) / 1000,
      // The last alert cycle's wall time (pauses between its pages included) and how many have run.
      cycle: { seconds: alerts.lastDurationSeconds, runs: alerts.cycles },
      intervalMs: every,
      at: Date.now(),
    });
    delay.reset();
  }, every).unref();
}
