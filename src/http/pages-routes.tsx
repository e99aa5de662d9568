import type { Context } from "hono";
import { Hono } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { z } from "zod";
import { countAnsweredToday } from "../services/answered-today.js";
import { getConversationDetail } from "../services/conversation-detail.js";
import { DASHBOARD_RANGES, getDashboardData } from "../services/dashboard-data.js";
import { listFilterOptions } from "../services/filter-options.js";
import { GoalReportCache } from "../services/goals.js";
import { getStatus } from "../services/status.js";
import { ConversationPage } from "../views/conversation-page.js";
import { DashboardPage } from "../views/dashboard-page.js";
import { ErrorPage } from "../views/error-page.js";
import { FAVICON_SVG } from "../views/favicon.js";
import { PAGE_CSS } from "../views/page-styles.js";
import { StatusPage } from "../views/status-page.js";
import { STATUS_SCRIPT } from "../views/status-script.js";
import type { DeliveryState, QueueFilters } from "../views/status-types.js";
import type { AppEnv } from "./deps.js";
import { accountFilter } from "./query.js";

/** The most rows the status page lists per part of the queue (breaching, due next). */
const QUEUE_LIMIT = 200;

/**
 * Defence in depth on top of escaping: no inline script or style, nothing from other origins (the pages
 * must work offline anyway), no framing.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** An empty or blank filter means "all": that is what the form's "All" option submits. */
const filterValue = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);
const statusQuery = z.object({ account: filterValue, source: filterValue });
const dashboardQuery = z.object({ range: z.enum(DASHBOARD_RANGES).default("7d") });

/** Sends a hono/jsx page as an HTML document with the pages' security headers. */
function page(c: Context<AppEnv>, element: JSX.Element, status: 200 | 400 | 404 = 200) {
  c.header("content-security-policy", CSP);
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "same-origin");
  return c.html(`<!DOCTYPE html>\n${String(element)}`, status);
}

async function deliveryState(c: Context<AppEnv>): Promise<DeliveryState> {
  const runner = c.var.deps.alerts;
  return {
    kind: runner.mailer.kind,
    description: runner.mailer.description,
    ...(await runner.store.deliveryCounts()),
    lastCycleAt: runner.lastRunAt,
    lastError: runner.lastError,
  };
}

/** HTML pages: the agents' status page, a conversation's page and the leads' dashboard, with their assets. */
export function pagesRoutes() {
  // The status page refreshes itself every 15 s in every open tab: its goals are computed once a minute.
  const goalCache = new GoalReportCache();
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const { db, config, clock, writer } = c.var.deps;
      const parsed = statusQuery.safeParse(c.req.query());
      // A malformed query (an array, say) falls back to the unfiltered queue rather than an error page.
      const filters: QueueFilters = parsed.success ? parsed.data : {};
      const scope = {
        ...(await accountFilter(c, filters.account)),
        ...(filters.source ? { source: filters.source } : {}),
      };
      const now = clock();
      const [status, answeredToday, options, goals] = await Promise.all([
        getStatus(db, config, { now, limit: QUEUE_LIMIT, ...scope }),
        countAnsweredToday(db, { now, ...scope }),
        listFilterOptions(db),
        goalCache.get(db, config, now, writer.counters.stored),
      ]);
      const selfUrl = c.req.url.slice(new URL(c.req.url).origin.length);
      return page(
        c,
        <StatusPage
          status={status}
          delivery={await deliveryState(c)}
          answeredToday={answeredToday}
          filters={scope}
          options={options}
          selfUrl={selfUrl}
          goals={goals}
          timeZone={config.timeZone}
        />,
      );
    })
    .get("/conversations/:id", async (c) => {
      const { db, policies, clock } = c.var.deps;
      const id = c.req.param("id");
      const now = clock();
      const detail = await getConversationDetail(db, policies, id, now);
      if (!detail) {
        return page(c, <ErrorPage title="Not found" message={`There is no conversation ${id}.`} />, 404);
      }
      return page(c, <ConversationPage detail={detail} now={now} />);
    })
    .get("/dashboard", async (c) => {
      const { db, config, clock } = c.var.deps;
      const parsed = dashboardQuery.safeParse(c.req.query());
      if (!parsed.success) {
        const message = `range: expected one of ${DASHBOARD_RANGES.join(", ")}.`;
        return page(c, <ErrorPage title="Bad request" message={message} />, 400);
      }
      const data = await getDashboardData(db, config, parsed.data.range, clock());
      return page(c, <DashboardPage data={data} config={config} />);
    })
    .get("/assets/app.css", (c) => {
      c.header("content-type", "text/css; charset=utf-8");
      c.header("cache-control", "no-cache");
      return c.body(PAGE_CSS);
    })
    .get("/assets/favicon.svg", (c) => {
      c.header("content-type", "image/svg+xml");
      c.header("cache-control", "max-age=86400");
      return c.body(FAVICON_SVG);
    })
    .get("/assets/status.js", (c) => {
      c.header("content-type", "text/javascript; charset=utf-8");
      c.header("cache-control", "no-cache");
      return c.body(STATUS_SCRIPT);
    });
}
