import { type CycleDeps, type CycleResult, runAlertCycle } from "./alert-cycle.js";
import type { Mailer } from "./mailer.js";
import type { AlertOutbox } from "./outbox-ports.js";

/** Runs alert cycles one at a time: a tick that comes while a cycle is still running is skipped. */
export class AlertRunner<Store extends AlertOutbox = AlertOutbox> {
  private running: Promise<CycleResult> | null = null;
  lastResult: CycleResult | null = null;
  lastError: string | null = null;
  lastRunAt: number | null = null;
  /** Cycles finished since the process started, failed ones included (`sla_alert_cycles_total`). */
  cycles = 0;
  /** Wall time of the last finished cycle in seconds; measured apart from the injected clock, which tests freeze. */
  lastDurationSeconds: number | null = null;

  readonly store: Store;
  readonly mailer: Mailer;

  constructor(
    private readonly deps: CycleDeps & { alerts: Store },
    private readonly clock: () => number,
  ) {
    this.store = deps.alerts;
    this.mailer = deps.mailer;
  }

  /** One cycle at `now`; null when another cycle is still running. */
  async runOnce(now = this.clock()): Promise<CycleResult | null> {
    if (this.running) return null;
    const started = performance.now();
    this.running = runAlertCycle(this.deps, now);
    try {
      const result = await this.running;
      this.lastResult = result;
      this.lastError = null;
      return result;
    } catch (error) {
      this.lastError = (error as Error).message;
      throw error;
    } finally {
      this.lastRunAt = now;
      this.cycles++;
      this.lastDurationSeconds = (performance.now() - started) / 1000;
      this.running = null;
    }
  }

  /** Resolves when no cycle is running (for shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
