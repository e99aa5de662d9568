import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The Workers tests run inside workerd with their own config (vitest.workers.config.ts).
    exclude: ["test/workers/**", "node_modules/**"],
    // Some tests start the CLI or a browser as real processes; on a busy machine that takes seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
