/**
 * Child entry point: a process with nothing to do but a timer, reporting every BENCH_LOOP_REPORT_MS how
 * late its event loop ran (p99 and worst). Run beside a server under load, it is the machine's share of the
 * server's delays: on a busy machine a process waits for a core even when it holds up nothing itself.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { reportToParent } from "./child-process.js";

const every = Number(process.env.BENCH_LOOP_REPORT_MS ?? 10_000);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
reportToParent({ ready: true });
setInterval(() => {
  reportToParent({
    loop: { p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 },
    cpuMs: 0,
    at: Date.now(),
  });
  delay.reset();
}, every);
