import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { RateLimiter } from "../../src/http/rate-limiter.js";

const T0 = Date.parse("2026-03-02T12:00:00Z");

/** Takes `n` tokens at `now` and counts how many were allowed. */
function takeMany(limiter: RateLimiter, key: string, n: number, now: number): number {
  let allowed = 0;
  for (let i = 0; i < n; i++) if (limiter.take(key, now).allowed) allowed++;
  return allowed;
}

describe("RateLimiter", () => {
  it("allows the burst at once, then refuses with the whole seconds until the next token", () => {
    const limiter = new RateLimiter({ perSecond: 2, burst: 5 });
    expect(takeMany(limiter, "a", 5, T0)).toBe(5);
    expect(limiter.take("a", T0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("refills at the rate: half a second at 2/s gives one more request", () => {
    const limiter = new RateLimiter({ perSecond: 2, burst: 5 });
    takeMany(limiter, "a", 5, T0);
    expect(limiter.take("a", T0 + 499).allowed).toBe(false);
    expect(limiter.take("a", T0 + 500).allowed).toBe(true);
    expect(limiter.take("a", T0 + 500).allowed).toBe(false);
  });

  it("rounds Retry-After up: at 0.1/s the next token is 10 s away", () => {
    const limiter = new RateLimiter({ perSecond: 0.1, burst: 1 });
    expect(limiter.take("a", T0).allowed).toBe(true);
    expect(limiter.take("a", T0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take("a", T0 + 2500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
  });

  it("keeps keys apart: one client's flood does not refuse another", () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 });
    takeMany(limiter, "busy", 10, T0);
    expect(limiter.take("quiet", T0).allowed).toBe(true);
  });

  it("does not drain a bucket when the clock steps back", () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 });
    limiter.take("a", T0);
    expect(limiter.take("a", T0 - 60_000).allowed).toBe(true);
    expect(limiter.take("a", T0).allowed).toBe(false);
  });

  it("forgets idle keys: their buckets are full again, so memory follows the active clients", () => {
    const limiter = new RateLimiter({ perSecond: 10, burst: 20 });
    for (let i = 0; i < 500; i++) limiter.take(`client-${i}`, T0);
    expect(limiter.size).toBe(500);
    limiter.take("later", T0 + 120_000);
    expect(limiter.size).toBe(1);
  });

  it("stays within its key bound when every key is active at once", () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, 100);
    for (let i = 0; i < 10_000; i++) limiter.take(`attacker-${i}`, T0);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The most recent keys survive, with their spent tokens.
    expect(limiter.take("attacker-9999", T0).allowed).toBe(true);
    expect(limiter.take("attacker-9999", T0).allowed).toBe(false);
  });

  it("never allows more than the burst plus the rate times the elapsed time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 200 }),
        (perSecond, burst, gaps) => {
          const limiter = new RateLimiter({ perSecond, burst });
          let now = T0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (limiter.take("k", now).allowed) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor(((now - T0) / 1000) * perSecond));
        },
      ),
    );
  });
});

describe("limit and log settings", () => {
  it("default to 200 requests per second with a burst of 400, a 30 s timeout and no message text in logs", () => {
    const { limits, log } = loadConfig({});
    expect(limits).toEqual({
      rate: { perSecond: 200, burst: 400 },
      trustProxy: false,
      requestTimeoutMs: 30_000,
    });
    expect(log).toEqual({ level: "info", messages: false });
  });

  it("read the environment, and name the variable of a wrong value", () => {
    const config = loadConfig({
      SLA_RATE_LIMIT: "50",
      SLA_RATE_BURST: "60",
      SLA_REQUEST_TIMEOUT: "5s",
      SLA_TRUST_PROXY: "true",
      SLA_LOG_LEVEL: "warn",
      SLA_LOG_MESSAGES: "true",
    });
    expect(config.limits).toEqual({
      rate: { perSecond: 50, burst: 60 },
      trustProxy: true,
      requestTimeoutMs: 5000,
    });
    expect(config.log).toEqual({ level: "warn", messages: true });
    expect(loadConfig({ SLA_RATE_LIMIT: "off" }).limits.rate).toBeNull();
    expect(() => loadConfig({ SLA_RATE_LIMIT: "fast" })).toThrow(
      /SLA_RATE_LIMIT: expected requests per second/,
    );
    expect(() => loadConfig({ SLA_RATE_BURST: "0" })).toThrow(/SLA_RATE_BURST/);
    expect(() => loadConfig({ SLA_REQUEST_TIMEOUT: "soon" })).toThrow(/SLA_REQUEST_TIMEOUT/);
    expect(() => loadConfig({ SLA_LOG_LEVEL: "loud" })).toThrow(/SLA_LOG_LEVEL/);
    expect(() => loadConfig({ SLA_LOG_MESSAGES: "maybe" })).toThrow(/SLA_LOG_MESSAGES/);
  });
});
