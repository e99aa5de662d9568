/**
 * The Cloudflare Workers entry: `fetch` is the same Hono app as on Node, `scheduled` (a Cron Trigger) the
 * same alert cycle. The service is built once per isolate from the bindings; bindings the config schema
 * refuses answer every request with a 500 naming the variable, and a scheduled run fails with that message.
 */
import { ConfigError } from "../config.js";
import { createWorkerService, type WorkerEnv, type WorkerService } from "./workers/worker-service.js";

export type { WorkerEnv };

interface ScheduledEvent {
  scheduledTime: number;
  cron: string;
}

interface Context {
  waitUntil(promise: Promise<unknown>): void;
}

const services = new WeakMap<object, Promise<WorkerService>>();

/** The isolate's service for these bindings (built on first use; a failed build is tried again next time). */
function serviceFor(env: WorkerEnv): Promise<WorkerService> {
  let service = services.get(env);
  if (!service) {
    service = createWorkerService(env);
    services.set(env, service);
    service.catch(() => services.delete(env));
  }
  return service;
}

function configProblem(error: unknown): Response {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : "internal error";
  if (!(error instanceof ConfigError)) console.error("worker start failed", error);
  return Response.json({ error: message }, { status: 500 });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: Context): Promise<Response> {
    let service: WorkerService;
    try {
      service = await serviceFor(env);
    } catch (error) {
      return configProblem(error);
    }
    return service.app.fetch(request, env, ctx as never);
  },

  async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: Context): Promise<void> {
    const service = await serviceFor(env);
    const cycle = service.deps.alerts.runOnce(event.scheduledTime);
    ctx.waitUntil(cycle);
    await cycle;
  },
};
