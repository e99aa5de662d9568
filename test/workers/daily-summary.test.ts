import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker, { type WorkerEnv } from "../../src/runtime/worker.js";

// Its own bindings (so its own service) and its own mailbox at the fake mail API.
const bindings = {
  ...(env as unknown as WorkerEnv),
  MAIL_API_URL: "https://mail.test/send?box=summary",
  SLA_SUMMARY_HOUR: "0",
  SLA_SUMMARY_TZ: "UTC",
} as WorkerEnv;

async function scan(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), bindings, ctx);
  await waitOnExecutionContext(ctx);
}

describe("the daily summary on Workers", () => {
  it("is owed once the hour has come, sent once through the mail API, and not again", async () => {
    const at = Date.parse("2026-11-21T06:00:00Z");
    await scan(at);
    await scan(at + 60_000);
    const mail = (await (await fetch("https://mail.test/received?box=summary")).json()) as Array<{
      idempotencyKey: string;
      body: { to: string[]; subject: string };
    }>;
    expect(mail).toHaveLength(1);
    expect(mail[0]?.body.to).toEqual(["lead@example.com"]);
    expect(mail[0]?.body.subject).toContain("2026-11-20");
    expect(mail[0]?.idempotencyKey).toBe("<summary-2026-11-20@sla-monitor>");
  });
});
