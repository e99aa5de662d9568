import type { SlaEvent } from "../domain/event.js";
import { parseApiEvent } from "../ingest/api-event.js";
import type { EventSink } from "./batching-writer.js";

/** One item of a posted body: a parsed JSON value, or the reason it could not be parsed. */
export type RawItem = { line?: number; value: unknown } | { line?: number; error: string };

export interface ItemResult {
  index: number;
  line?: number;
  source?: string;
  id?: string;
  status: "stored" | "duplicate" | "rejected";
  reason?: string;
}

export interface IngestSummary {
  stored: number;
  duplicates: number;
  rejected: number;
  results: ItemResult[];
}

/** Validates posted items, stores the valid ones (even when others are rejected) and reports on each. */
export async function ingestItems(writer: EventSink, items: readonly RawItem[]): Promise<IngestSummary> {
  const results: ItemResult[] = [];
  const valid: SlaEvent[] = [];
  const validResults: ItemResult[] = [];
  items.forEach((item, index) => {
    const base: ItemResult = { index, status: "rejected" };
    if (item.line !== undefined) base.line = item.line;
    const where = item.line === undefined ? "" : `line ${item.line}: `;
    if ("error" in item) {
      results.push({ ...base, reason: where + item.error });
      return;
    }
    const parsed = parseApiEvent(item.value);
    if (!parsed.ok) {
      results.push({ ...base, reason: where + parsed.reason });
      return;
    }
    const result: ItemResult = { ...base, source: parsed.event.source, id: parsed.event.id };
    results.push(result);
    valid.push(parsed.event);
    validResults.push(result);
  });
  const outcomes = await writer.submit(valid);
  outcomes.forEach((outcome, i) => {
    const result = validResults[i];
    if (result) result.status = outcome;
  });
  const count = (status: ItemResult["status"]) => results.filter((r) => r.status === status).length;
  writer.counters.add("rejected", count("rejected"));
  return { stored: count("stored"), duplicates: count("duplicate"), rejected: count("rejected"), results };
}
