import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker, { type WorkerEnv } from "../../src/runtime/worker.js";

function callWith(bindings: Record<string, unknown>) {
  const merged = { ...(env as unknown as WorkerEnv), ...bindings } as WorkerEnv;
  return worker.fetch(new Request("https://sla.example.com/healthz"), merged, createExecutionContext());
}

describe("configuration from the bindings", () => {
  it("answers a 500 naming the variable the schema refuses, without crashing", async () => {
    const response = await callWith({ SLA_TARGET: "soon" });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/^configuration: environment: SLA_TARGET/);
  });

  it("names a JSON config binding's line", async () => {
    const response = await callWith({ SLA_CONFIG_JSON: '{\n  "target": "2h",\n  "window": "forever"\n}' });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toMatch(/SLA_CONFIG_JSON.*line 3/);
  });

  it("measures with the policies of a JSON config binding", async () => {
    const response = await callWith({ SLA_CONFIG_JSON: JSON.stringify({ target: "30m" }) });
    expect(response.status).toBe(200);
    const status = await worker.fetch(
      new Request("https://sla.example.com/v1/status", {
        headers: { authorization: "Bearer workers-test-token-0123456789" },
      }),
      { ...(env as unknown as WorkerEnv), SLA_CONFIG_JSON: JSON.stringify({ target: "30m" }) } as WorkerEnv,
      createExecutionContext(),
    );
    expect(((await status.json()) as { target_ms: number }).target_ms).toBe(1_800_000);
  });
});
