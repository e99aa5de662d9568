import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import type { MessageEvent, SlaEvent } from "../../src/domain/event.js";
import { csvRecords } from "../../src/ingest/csv-records.js";
import { createTwcsMapper } from "../../src/ingest/twcs.js";

export const TWCS_SMALL = fileURLToPath(new URL("../fixtures/twcs-small.csv", import.meta.url));

/** The valid rows of a twcs file as events. */
export async function readTwcsEvents(path: string): Promise<MessageEvent[]> {
  const events: MessageEvent[] = [];
  let map: ReturnType<typeof createTwcsMapper> | null = null;
  for await (const record of csvRecords(createReadStream(path))) {
    if (!map) map = createTwcsMapper(record.fields);
    else {
      const result = map(record.fields);
      if (result.ok) events.push(result.event);
    }
  }
  return events;
}

/** The body `POST /v1/events` takes for an event. */
export function toApiEvent(event: SlaEvent) {
  const when = new Date(event.at).toISOString();
  if (event.type !== "message") {
    const { type, id, source, author, inReplyTo, conversation } = event;
    return { type, id, source, author, at: when, in_reply_to: inReplyTo, conversation };
  }
  return {
    id: event.id,
    source: event.source,
    direction: event.direction,
    author: event.author,
    at: when,
    account: event.account,
    in_reply_to: event.inReplyTo,
    links: event.links,
    conversation: event.conversation,
    text: event.text,
    automated: event.automated,
    ...(event.tags ? { tags: event.tags } : {}),
    ...(event.priority ? { priority: event.priority } : {}),
    ...(event.private ? { private: event.private } : {}),
  };
}
