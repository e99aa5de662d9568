import { Hono } from "hono";
import { z } from "zod";
import { conversationsCsv } from "../services/conversation-export.js";
import { buildReport } from "../services/report.js";
import { reportCsv } from "../services/report-csv.js";
import { type AppEnv, NO_THREAD_SCANS } from "./deps.js";
import { errorBody } from "./errors.js";
import { accountFilter, instant, parseQuery } from "./query.js";

/** Query of `GET /v1/export/conversations.csv` (also the source of its OpenAPI parameters). */
export const exportConversationsQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    account: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    now: instant.optional(),
  })
  .strict();

/** Query of `GET /v1/export/metrics.csv`. */
export const exportMetricsQuery = exportConversationsQuery.omit({ source: true });

const CSV_TYPE = "text/csv; charset=utf-8; header=present";
const csvHeaders = (file: string) => ({
  "content-type": CSV_TYPE,
  "content-disposition": `attachment; filename="${file}"`,
  "cache-control": "no-store",
});

/**
 * `GET /v1/export/conversations.csv`: every matching conversation, streamed a page at a time as the client
 * reads; `GET /v1/export/metrics.csv`: the report rows (per account and the total).
 */
export function exportRoutes() {
  return new Hono<AppEnv>()
    .get("/conversations.csv", async (c) => {
      const { db, config, clock } = c.var.deps;
      const q = parseQuery(c, exportConversationsQuery);
      const chunks = conversationsCsv(db, {
        now: q.now ?? clock(),
        windowMs: config.policies.windowMs,
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(await accountFilter(c, q.account)),
        ...(q.source ? { source: q.source } : {}),
      });
      return c.body(pulledStream(chunks), 200, csvHeaders("conversations.csv"));
    })
    .get("/metrics.csv", async (c) => {
      const { scans, config, clock } = c.var.deps;
      const q = parseQuery(c, exportMetricsQuery);
      if (!scans) return errorBody(c, 501, NO_THREAD_SCANS);
      const report = await buildReport(scans, {
        now: q.now ?? clock(),
        policies: config.policies,
        targetMs: config.targetMs,
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
        ...(await accountFilter(c, q.account)),
      });
      return c.body(reportCsv(report), 200, csvHeaders("metrics.csv"));
    });
}

/**
 * A byte stream that asks `chunks` for the next chunk only when the client has taken the previous one, so
 * the body is produced at the reader's pace and never held whole; a client that goes away ends it.
 */
function pulledStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
