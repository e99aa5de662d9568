import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { fakeMailApi } from "./test/workers/fake-mail-api.js";

/**
 * The Worker's tests, run inside workerd by the Workers pool: the entry of wrangler.toml over a D1 database
 * migrated from db/migrations, with every outbound request answered by a fake mail API (test/workers).
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: "./src/runtime/worker.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          SLA_API_TOKEN: "workers-test-token-0123456789",
          MAIL_API_URL: "https://mail.test/send",
          MAIL_API_KEY: "mail-key",
          ALERT_TO: "lead@example.com",
          PUBLIC_URL: "https://sla.example.com",
          SLA_SUMMARY_HOUR: "off",
          SLA_LOG_LEVEL: "silent",
          TEST_MIGRATIONS: await readD1Migrations("db/migrations"),
        },
        outboundService: fakeMailApi,
      },
    })),
  ],
  test: {
    include: ["test/workers/**/*.test.ts"],
    setupFiles: ["./test/workers/apply-migrations.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
