import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The source whose conversations the business-hours policy measures; every other one stays 24/7. */
export const CHAT = "chat";

/**
 * Writes a YAML config file (for `SLA_CONFIG`) with calendar `office` (Europe/Berlin, Monday to Friday
 * 09:00-17:00, one holiday) and policy `office-hours` for source `chat` on it: first response 2h, next
 * response 1h, resolution 8h. Returns the file's path.
 */
export function writeBusinessHoursConfig(holiday: { date: string; name: string }): string {
  const weekday = '["09:00-17:00"]';
  const yaml = `calendars:
  office:
    zone: Europe/Berlin
    hours: { mon: ${weekday}, tue: ${weekday}, wed: ${weekday}, thu: ${weekday}, fri: ${weekday} }
    holidays:
      - date: "${holiday.date}"
        name: ${JSON.stringify(holiday.name)}
policies:
  - name: office-hours
    match: { sources: [${CHAT}] }
    calendar: office
    targets: { first_response: 2h, next_response: 1h, resolution: 8h }
`;
  const path = join(mkdtempSync(join(tmpdir(), "sla-business-hours-")), "sla.yaml");
  writeFileSync(path, yaml);
  return path;
}

/** A chat message for `POST /v1/events`. */
export function chat(
  id: string,
  direction: "inbound" | "outbound",
  at: string,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    source: CHAT,
    direction,
    author: direction === "inbound" ? `cust-${id}` : "AcmeHelp",
    at,
    text: direction === "inbound" ? `@AcmeHelp question ${id}` : `Answer ${id}`,
    ...extra,
  };
}
