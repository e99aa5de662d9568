import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { accessControl } from "./access.js";
import { alertsRoutes } from "./alerts-routes.js";
import { conversationsRoutes } from "./conversations-routes.js";
import type { AppDeps, AppEnv } from "./deps.js";
import { errorBody } from "./errors.js";
import { eventsRoutes } from "./events-routes.js";
import { exportRoutes } from "./export-routes.js";
import { goalsRoutes } from "./goals-routes.js";
import { requestLimits } from "./limits.js";
import { metricsRoutes } from "./metrics-routes.js";
import { pagesRoutes } from "./pages-routes.js";
import { policiesRoutes } from "./policies-routes.js";
import { statusRoutes } from "./status-routes.js";
import { toolsRoutes } from "./tools-routes.js";
import { metaWebhookRoutes } from "./webhooks/meta-routes.js";
import { xWebhookRoutes } from "./webhooks/x-routes.js";
import { zendeskWebhookRoutes } from "./webhooks/zendesk-routes.js";
import { whatIfRoutes } from "./what-if-routes.js";

/** The one HTTP app of every runtime: routes over the services, errors mapped in one place. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(requestLimits());
  app.use(accessControl());
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/v1/events", eventsRoutes(deps.config.maxBodyBytes));
  app.route("/v1/status", statusRoutes());
  app.route("/v1/metrics", metricsRoutes());
  app.route("/v1/goals", goalsRoutes());
  app.route("/v1/alerts", alertsRoutes());
  app.route("/v1/conversations", conversationsRoutes());
  app.route("/v1/policies", policiesRoutes());
  app.route("/v1/what-if", whatIfRoutes());
  app.route("/v1/export", exportRoutes());
  app.route("/v1/webhooks/x", xWebhookRoutes());
  app.route("/v1/webhooks/meta", metaWebhookRoutes());
  app.route("/v1/webhooks/zendesk", zendeskWebhookRoutes());
  app.route("/", toolsRoutes());
  app.route("/", pagesRoutes());
  app.notFound((c) => errorBody(c, 404, `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500)
      return errorBody(c, error.status, error.message);
    // Logged with the request's line by `requestLimits` (it reads `c.error`).
    return errorBody(c, 500, "internal error");
  });
  return app;
}
