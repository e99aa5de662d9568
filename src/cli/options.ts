import { parseArgs } from "node:util";
import { parseDuration } from "../domain/duration.js";

export class UsageError extends Error {}

type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Parses a command's flags; unknown flags and missing values are usage errors. */
export function parseCommand<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function instantOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name}: expected an ISO-8601 time, got "${value}"`);
  return ms;
}

export function durationOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === null || ms <= 0)
    throw new UsageError(`--${name}: expected a duration such as 2h or 72h, got "${value}"`);
  return ms;
}
