import type { RawItem } from "../services/ingest.js";

const NDJSON_TYPES = [
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
  "application/x-jsonlines",
];

export type EventsBody = { ok: true; single: boolean; items: RawItem[] } | { ok: false; message: string };

/** Splits a posted body into items: one JSON event, a JSON array of events, or NDJSON (one per line). */
export function readEventsBody(contentType: string | undefined, body: string): EventsBody {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (NDJSON_TYPES.includes(type)) return { ok: true, single: false, items: ndjsonItems(body) };
  if (body.trim() === "")
    return { ok: false, message: "body: empty; send a JSON event, a JSON array or NDJSON" };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, message: `body: not valid JSON (${(error as Error).message})` };
  }
  if (Array.isArray(value)) return { ok: true, single: false, items: value.map((item) => ({ value: item })) };
  return { ok: true, single: true, items: [{ value }] };
}

function ndjsonItems(body: string): RawItem[] {
  const items: RawItem[] = [];
  const lines = body.split("\n");
  lines.forEach((raw, index) => {
    const text = raw.trim();
    if (text === "") return;
    const line = index + 1;
    try {
      items.push({ line, value: JSON.parse(text) });
    } catch (error) {
      items.push({ line, error: `not valid JSON (${(error as Error).message})` });
    }
  });
  return items;
}
