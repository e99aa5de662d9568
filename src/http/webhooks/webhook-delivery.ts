import type { Context } from "hono";
import type { SlaEvent } from "../../domain/event.js";
import type { AppEnv } from "../deps.js";
import { errorBody } from "../errors.js";

/** The raw bytes of a delivery: signatures are computed over exactly these, before any parsing. */
export async function rawBody(c: Context<AppEnv>): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
}

/** Parses a verified delivery as JSON; a 400 naming the problem otherwise. */
export function parseJsonBody(
  c: Context<AppEnv>,
  bytes: Uint8Array,
): { ok: true; value: unknown } | { ok: false; response: Response } {
  try {
    return {
      ok: true,
      value: JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes)),
    };
  } catch (error) {
    return { ok: false, response: errorBody(c, 400, `body: not valid JSON (${(error as Error).message})`) };
  }
}

/** The answer when the network's secret is not configured: the endpoint exists but cannot verify anything. */
export function notConfigured(c: Context<AppEnv>, variable: string): Response {
  return errorBody(
    c,
    503,
    `${variable} is not set: this webhook cannot verify deliveries (see README: Webhooks)`,
  );
}

/**
 * Stores the events a verified delivery maps to (idempotent on the network's ids, so redeliveries change
 * nothing) and answers with what happened, including the event kinds acknowledged but not stored.
 */
export async function storeDelivery(c: Context<AppEnv>, events: SlaEvent[], ignored: Record<string, number>) {
  const outcomes = await c.var.deps.writer.submit(events);
  return c.json({
    stored: outcomes.filter((outcome) => outcome === "stored").length,
    duplicates: outcomes.filter((outcome) => outcome === "duplicate").length,
    ignored,
  });
}
