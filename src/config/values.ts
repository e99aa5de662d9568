/** Value schemas shared by the environment and the config file. */
import { z } from "zod";
import { parseDuration } from "../domain/duration.js";

/** A positive number of milliseconds, or a duration such as 2h, 90m or 72h. */
export const duration = (name: string) =>
  z.union([z.number().int().positive(), z.string()]).transform((value, ctx) => {
    const ms = typeof value === "number" ? value : parseDuration(value);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: "custom", message: `${name}: expected a duration such as 2h, 90m or 72h` });
      return z.NEVER;
    }
    return ms;
  });

export const fraction = z.coerce.number().min(0).max(1);
