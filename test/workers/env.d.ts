// The bindings the Workers tests read (vitest.workers.config.ts and wrangler.toml).
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
