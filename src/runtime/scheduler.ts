import cron from "node-cron";
import { ConfigError } from "../config.js";
import { describeCycle } from "../services/alert-cycle.js";
import type { AlertRunner } from "../services/alert-runner.js";
import type { Logger } from "./logger.js";

/** Runs the alert cycle on a cron schedule, never two at once; a first cycle runs right away. */
export function startAlertScheduler(runner: AlertRunner, expression: string, logger: Logger) {
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
      if (!result || !c || !d) return;
      const record = {
        alerts_created: c,
        delivery: d,
        pending: result.pending,
        seconds: runner.lastDurationSeconds,
      };
      // A cycle that did something is news; the quiet ones every minute are only worth a debug line.
      if (Object.values(c).some(Boolean) || d.emails + d.failed + d.retrying > 0) {
        logger.info(record, describeCycle(result, runner.mailer));
      } else logger.debug(record, "alert cycle: nothing to do");
    } catch (error) {
      logger.error({ err: error }, "alert cycle failed");
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
