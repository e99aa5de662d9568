import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The D1 database of each test file, migrated from db/migrations as `wrangler d1 migrations apply` does.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
