/**
 * Drives `POST /v1/events` with autocannon from the parent process: one new event per request (from an
 * {@link EventFeed}), and a fixed number of requests, so that every request sent is also answered before
 * the run ends (a duration-bound run abandons the requests in flight, which would blur the lost-write check).
 */
import autocannon from "autocannon";
import type { EventFeed } from "./event-feed.js";

/** Options of {@link runLoad}. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** Requests to send (and have answered). */
  amount: number;
  feed: EventFeed;
  headers?: Record<string, string>;
  /** Whether a 2xx body confirms that the event was stored; default: any 2xx does. */
  confirms?: (body: string) => boolean;
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
  /** Ids of the events answered with a 2xx. */
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
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        requests: [
          {
            path: "/v1/events",
            setupRequest: (request, context) => {
              const event = options.feed.next();
              // The context lives until this request's response (one request in flight per connection).
              context.id = event.id;
              return { ...request, body: JSON.stringify(event) };
            },
            onResponse: (status, body, context) => {
              lastAnswer = performance.now();
              if (++answers === Math.ceil(options.amount / 2)) halfwayAnswer = lastAnswer;
              if (status < 200 || status >= 300 || typeof context.id !== "string") return;
              acked.push(context.id);
              if (!confirms(body)) unconfirmed++;
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
