/** The error every configuration problem is reported with, and how schema issues read in its message. */
import type { z } from "zod";

export class ConfigError extends Error {}

/** One line per issue: `path: message`, or just the message of custom checks (which name their field). */
export function describe(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join(".");
      return issue.code === "custom" ? issue.message : `${prefix}${path}: ${issue.message}`;
    })
    .join("; ");
}
