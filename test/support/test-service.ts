import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { createNodeService, type NodeService } from "../../src/runtime/node-service.js";

export const TEST_TOKEN = "test-token-0123456789abcdef";

/**
 * A service on a fresh in-memory database migrated from db/migrations, with a settable clock. Reads are
 * public (`SLA_PUBLIC_READ=true`) unless `env` says otherwise, so tests of reads need no token.
 */
export function createTestService(
  env: Record<string, string> = {},
  start = Date.parse("2026-03-02T12:00:00Z"),
) {
  let now = start;
  const outbox = join(mkdtempSync(join(tmpdir(), "sla-outbox-")), "outbox");
  const config = loadConfig({
    SLA_DB: ":memory:",
    SLA_API_TOKEN: TEST_TOKEN,
    SLA_PUBLIC_READ: "true",
    SLA_OUTBOX_DIR: outbox,
    ...env,
  });
  const service: NodeService = createNodeService(config, { clock: () => now });
  return {
    ...service,
    outbox: config.alerts.outboxDir,
    setNow: (ms: number) => {
      now = ms;
    },
    /** One alert cycle at the current test time. */
    scan: () => service.deps.alerts.runOnce(now),
    post: (body: unknown, init: { contentType?: string; token?: string | null } = {}) =>
      service.app.request("/v1/events", {
        method: "POST",
        headers: {
          "content-type": init.contentType ?? "application/json",
          ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? TEST_TOKEN}` }),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    getJson: async (path: string) => {
      const response = await service.app.request(path);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}
