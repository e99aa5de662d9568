/** A file holding one business-hours calendar in the config file's format (a what-if's calendar). */
import type { Calendar } from "../domain/calendar.js";
import { calendarSchema } from "./calendar-schema.js";
import { parseConfigText } from "./config-source.js";
import { readConfigText } from "./file-schema.js";

/**
 * Reads a JSON or YAML file with `zone`, `hours`, `holidays` and `overrides` at its top level, as one
 * entry of `calendars` is written. Problems are a ConfigError naming their line.
 */
export function readCalendarFile(path: string, name: string): Calendar {
  return parseConfigText(readConfigText(path), path, calendarSchema(name, ""));
}
