import { Hono } from "hono";
import { z } from "zod";
import { calendarSchema } from "../config/calendar-schema.js";
import { duration } from "../config/values.js";
import { CalendarClosedError } from "../domain/calendar.js";
import { formatDuration } from "../domain/duration.js";
import { buildWhatIf, overrideProblem, overrides } from "../services/report.js";
import { type AppEnv, NO_THREAD_SCANS } from "./deps.js";
import { errorBody } from "./errors.js";
import { accountFilter, instant } from "./query.js";

/** An instant in a JSON body: epoch ms as a number, or a string as in a query. */
const bodyInstant = z.union([z.number().int().nonnegative().transform(String), z.string()]).pipe(instant);

/** Body of `POST /v1/what-if` (also the source of its OpenAPI request schema). */
export const whatIfBody = z
  .object({
    target: duration("target").optional(),
    window: duration("window").optional(),
    calendar: calendarSchema("what-if", "calendar").optional(),
    now: bodyInstant.optional(),
    from: bodyInstant.optional(),
    to: bodyInstant.optional(),
    account: z.string().min(1).optional(),
  })
  .strict();

const EXAMPLE = '{"target": "1h"}';

/**
 * `POST /v1/what-if`: the report as stored beside the report under another first-response target, window
 * or calendar, derived again in memory (nothing stored changes). A read: it needs the `read` scope. One
 * runs at a time per service, since each reads every stored message.
 */
export function whatIfRoutes() {
  let running = false;
  return new Hono<AppEnv>().post("/", async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return errorBody(c, 400, `body: expected a JSON object such as ${EXAMPLE}`);
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      return errorBody(c, 400, `body: expected a JSON object such as ${EXAMPLE}`);
    }
    const parsed = whatIfBody.safeParse(json);
    if (!parsed.success) return errorBody(c, 400, describeBody(parsed.error));
    const body = parsed.data;
    const override = {
      ...(body.target !== undefined ? { targetMs: body.target } : {}),
      ...(body.window !== undefined ? { windowMs: body.window } : {}),
      ...(body.calendar ? { calendar: body.calendar } : {}),
    };
    if (!overrides(override))
      return errorBody(c, 400, "target: give a target, window or calendar to measure with");
    const { scans, policies, config, clock } = c.var.deps;
    if (!scans) return errorBody(c, 501, NO_THREAD_SCANS);
    const problem = overrideProblem(policies.current, override);
    if (problem) return errorBody(c, 400, problem);
    if (running) {
      c.header("Retry-After", "5");
      return errorBody(c, 503, "what-if: another one is running; retry when it is done");
    }
    running = true;
    const timeoutMs = config.limits.requestTimeoutMs;
    try {
      return c.json(
        await buildWhatIf(scans, {
          now: body.now ?? clock(),
          policies: policies.current,
          targetMs: config.targetMs,
          override,
          // Past the request timeout the client has its 503: stop deriving.
          signal: AbortSignal.timeout(timeoutMs),
          ...(body.from !== undefined ? { from: body.from } : {}),
          ...(body.to !== undefined ? { to: body.to } : {}),
          ...(await accountFilter(c, body.account)),
        }),
      );
    } catch (error) {
      if (error instanceof CalendarClosedError) return errorBody(c, 400, `calendar: ${error.message}`);
      if (!(error instanceof DOMException && error.name === "TimeoutError")) throw error;
      return errorBody(c, 503, `what-if: not done within ${formatDuration(timeoutMs)} (SLA_REQUEST_TIMEOUT)`);
    } finally {
      running = false;
    }
  });
}

/** `field: problem`; the checks of durations and the calendar name their field in the message already. */
function describeBody(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join(".");
      const named = issue.code === "custom" && path !== "" && issue.message.startsWith(String(issue.path[0]));
      return named ? issue.message : `${path || "body"}: ${issue.message}`;
    })
    .join("; ");
}
