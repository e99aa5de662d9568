import cron from "node-cron";
import { ConfigError } from "../config.js";
import { describeCycle } from "../services/alert-cycle.js";
import type { AlertRunner } from "../services/alert-runner.js";

/** Runs the alert cycle on a cron schedule, never two at once; a first cycle runs right away. */
export function startAlertScheduler(runner: AlertRunner, expression: string, log: (line: string) => void) {
  if (!cron.validate(expression)) {
    throw new ConfigError(
      `environment: SLA_SCAN_CRON: "${expression}" is not a cron expression (e.g. "* * * * *")`,
    );
  }
  const tick = async () => {
    try {
      const result = await runner.runOnce();
      const c = result?.created;
      const d = result?.delivery;
      if (result && c && d && (Object.values(c).some(Boolean) || d.emails + d.failed + d.retrying > 0)) {
        log(describeCycle(result, runner.mailer));
      }
    } catch (error) {
      log(`alert cycle failed: ${(error as Error).message}`);
    }
  };
  const task = cron.schedule(expression, tick, { name: "sla-alerts", noOverlap: true });
  void tick();
  return {
    stop: async () => {
      await task.stop();
      await runner.idle();
    },
  };
}
