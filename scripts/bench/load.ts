/**
 * Drives a server with autocannon from the parent process: a fixed number of requests, so that every
 * request sent is also answered before the run ends (a duration-bound run abandons the requests in
 * flight, which would blur the lost-write check). Each request comes from a {@link RequestPlan}: one new
 * event per `POST /v1/events`, a batch of new events as NDJSON, or the same GET.
 */
import autocannon from "autocannon";
import type { EventFeed } from "./event-feed.js";

/** One request to send; `ids` are the events it carries (none for a GET). */
export interface PlannedRequest {
  method: "GET" | "POST";
  path: string;
  contentType?: string;
  body?: string;
  ids: readonly string[];
}

/** Makes the next request; called once per request sent. */
export type RequestPlan = () => PlannedRequest;

/** One new event per request, as a JSON object. */
export function singleEvents(feed: EventFeed): RequestPlan {
  return () => {
    const event = feed.next();
    return {
      method: "POST",
      path: "/v1/events",
      contentType: "application/json",
      body: JSON.stringify(event),
      ids: [event.id],
    };
  };
}

/** `size` new events per request, as NDJSON. */
export function eventBatches(feed: EventFeed, size: number): RequestPlan {
  return () => {
    const lines: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < size; i++) {
      const event = feed.next();
      lines.push(JSON.stringify(event));
      ids.push(event.id);
    }
    return {
      method: "POST",
      path: "/v1/events",
      contentType: "application/x-ndjson",
      body: `${lines.join("\n")}\n`,
      ids,
    };
  };
}

/** The same GET every time. */
export function repeatedGet(path: string): RequestPlan {
  const request: PlannedRequest = { method: "GET", path, ids: [] };
  return () => request;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** Requests to send (and have answered). */
  amount: number;
  plan: RequestPlan;
  headers?: Record<string, string>;
  /** Whether a 2xx body confirms that the request's events were stored; default: any 2xx does. */
  confirms?: (body: string, ids: readonly string[]) => boolean;
}

/** What one load run measured. */
export interface LoadOutcome {
  seconds: number;
  /** 2xx answers per second of wall time. */
  requestsPerSecond: number;
  /** The rate over the second half of the answers: after JIT warm-up, to size a run by duration. */
  steadyRequestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Ids of the events in requests answered with a 2xx. */
  acked: string[];
  /** 2xx answers whose body did not confirm storage (e.g. reported as a duplicate). */
  unconfirmed: number;
  /** CPU time of this (load-generating) process per active second: near 1, it is the bottleneck. */
  loadCpuShare: number;
}

/** Runs one load and resolves when every request has been answered (or has failed). */
export async function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  const acked: string[] = [];
  const started = performance.now();
  let unconfirmed = 0;
  // autocannon reports only on its 1 s ticks, so a fixed-amount run would count up to a second of idle
  // time: the rate is taken from the first request to the last answer instead.
  let lastAnswer = performance.now();
  let answers = 0;
  let halfwayAnswer = started;
  const confirms = options.confirms ?? (() => true);
  const cpuBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        amount: options.amount,
        timeout: 30,
        headers: options.headers ?? {},
        requests: [
          {
            setupRequest: (request, context) => {
              const planned = options.plan();
              // The context lives until this request's response (one request in flight per connection).
              context.ids = planned.ids;
              return {
                ...request,
                method: planned.method,
                path: planned.path,
                headers: {
                  ...request.headers,
                  ...(planned.contentType ? { "content-type": planned.contentType } : {}),
                },
                ...(planned.body === undefined ? {} : { body: planned.body }),
              };
            },
            onResponse: (status, body, context) => {
              lastAnswer = performance.now();
              if (++answers === Math.ceil(options.amount / 2)) halfwayAnswer = lastAnswer;
              const ids = context.ids;
              if (status < 200 || status >= 300 || !Array.isArray(ids)) return;
              for (const id of ids) acked.push(id as string);
              if (!confirms(body, ids as string[])) unconfirmed++;
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
  });
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (lastAnswer - started) / 1000;
  return {
    seconds,
    requestsPerSecond: result["2xx"] / seconds,
    steadyRequestsPerSecond:
      (answers - Math.ceil(options.amount / 2)) / ((lastAnswer - halfwayAnswer) / 1000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
    ),
    acked,
    unconfirmed,
    // Over the active part: the wait for autocannon's last tick costs no CPU.
    loadCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

/** Counts of both runs; rates and latencies of the later one. */
export function mergeOutcomes(earlier: LoadOutcome, later: LoadOutcome): LoadOutcome {
  const statusCodes = { ...earlier.statusCodes };
  for (const [code, count] of Object.entries(later.statusCodes))
    statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    ...later,
    seconds: earlier.seconds + later.seconds,
    ok: earlier.ok + later.ok,
    non2xx: earlier.non2xx + later.non2xx,
    errors: earlier.errors + later.errors,
    timeouts: earlier.timeouts + later.timeouts,
    statusCodes,
    acked: [...earlier.acked, ...later.acked],
    unconfirmed: earlier.unconfirmed + later.unconfirmed,
  };
}

/**
 * Loads in rounds of at least `minRequests` until `seconds` of load have passed; returns the last round
 * with the totals of all (warm-up: JIT and caches settle, and the steady rate at its end sizes a run).
 */
export async function warmUp(
  load: (amount: number) => Promise<LoadOutcome>,
  seconds: number,
  minRequests: number,
): Promise<LoadOutcome> {
  let total: LoadOutcome | null = null;
  let elapsed = 0;
  let amount = minRequests;
  while (elapsed < seconds) {
    const round = await load(amount);
    elapsed += round.seconds;
    total = total ? mergeOutcomes(total, round) : round;
    amount = Math.max(minRequests, Math.round(round.steadyRequestsPerSecond * (seconds - elapsed)));
  }
  if (!total) throw new Error("warm-up ran no round");
  return total;
}

/** One line a person can read: counts, rate, latencies, status codes, load generator CPU. */
export function describeOutcome(outcome: LoadOutcome): string {
  const codes = Object.entries(outcome.statusCodes)
    .map(([code, count]) => `${code}x${count}`)
    .join(" ");
  return (
    `${outcome.ok} ok in ${outcome.seconds.toFixed(1)} s = ${outcome.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${outcome.p50Ms} ms, p99 ${outcome.p99Ms} ms, status ${codes || "none"}, errors ${outcome.errors}, ` +
    `load generator CPU ${(outcome.loadCpuShare * 100).toFixed(0)}%`
  );
}
