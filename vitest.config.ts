import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Some tests start the CLI or a browser as real processes; on a busy machine that takes seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
