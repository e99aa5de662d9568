/** The optional config file named by `SLA_CONFIG` (JSON or YAML): its schema and how it is read. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { calendarsSchema } from "./calendar-schema.js";
import { ConfigError } from "./config-error.js";
import { parseConfigText } from "./config-source.js";
import { accountTagsSchema, goalsField, headlineGoalsSchema } from "./goal-schema.js";
import { policiesSchema } from "./policy-schema.js";
import { duration } from "./values.js";

const fileSchema = z
  .object({
    target: duration("target").optional(),
    window: duration("window").optional(),
    warning_share: z.number().gt(0).lt(1).optional(),
    goals: goalsField.optional(),
    headline_goals: headlineGoalsSchema("headline_goals").optional(),
    account_tags: accountTagsSchema.optional(),
    accounts: z.array(z.string().min(1)).optional(),
    calendars: calendarsSchema.optional(),
    policies: policiesSchema.optional(),
    webhooks: z
      .object({
        accounts: z
          .record(
            z.string(),
            z
              .object({
                x_consumer_secret: z.string().min(1).optional(),
                meta_app_secret: z.string().min(1).optional(),
                meta_verify_token: z.string().min(1).optional(),
                zendesk_secret: z.string().min(1).optional(),
              })
              .strict(),
          )
          .optional(),
      })
      .strict()
      .optional(),
    alerts: z
      .object({
        to: z.array(z.email()).optional(),
        escalation_to: z.array(z.email()).optional(),
        accounts: z
          .record(
            z.string(),
            z
              .object({ to: z.array(z.email()).optional(), escalation_to: z.array(z.email()).optional() })
              .strict(),
          )
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    file.policies?.forEach((policy, i) => {
      const name = policy.calendar;
      if (name === undefined || name === "24/7" || (file.calendars && name in file.calendars)) return;
      const known = ["24/7", ...Object.keys(file.calendars ?? {})].join(", ");
      ctx.addIssue({
        code: "custom",
        path: ["policies", i, "calendar"],
        message: `policies[${i}].calendar: no calendar "${name}" (calendars: ${known})`,
      });
    });
    // Accounts are matched case-insensitively: two spellings of one account would be one silently lost.
    const seen = new Map<string, string>();
    for (const account of Object.keys(file.alerts?.accounts ?? {})) {
      const earlier = seen.get(account.toLowerCase());
      if (earlier !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["alerts", "accounts", account],
          message: `alerts.accounts.${account}: the same account as ${earlier} (accounts are case-insensitive)`,
        });
      }
      seen.set(account.toLowerCase(), account);
    }
    checkGoals(file, ctx);
  });

/** The headline goals are given once; a goal's tag is one that some account has. */
function checkGoals(
  file: { goals?: unknown[] | object; headline_goals?: object; account_tags?: Record<string, string[]> },
  ctx: z.core.$RefinementCtx,
): void {
  if (file.goals !== undefined && !Array.isArray(file.goals) && file.headline_goals !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["headline_goals"],
      message: "headline_goals: also given as the older goals mapping; keep one (headline_goals)",
    });
  }
  if (!Array.isArray(file.goals)) return;
  const tags = new Set(Object.values(file.account_tags ?? {}).flat());
  file.goals.forEach((goal, i) => {
    const tag = (goal as { scope?: { tag?: string } }).scope?.tag;
    if (tag === undefined || tags.has(tag)) return;
    const known = tags.size > 0 ? `account_tags has ${[...tags].sort().join(", ")}` : "account_tags is empty";
    ctx.addIssue({
      code: "custom",
      path: ["goals", i, "scope", "tag"],
      message: `goals[${i}].scope.tag: no account has the tag "${tag}" (${known})`,
    });
  });
}

/** The config file after parsing; every setting is optional. */
export type FileSettings = z.infer<typeof fileSchema>;

const UNREADABLE: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory, not a file",
};

/**
 * The config file's settings given as JSON text in the environment (`SLA_CONFIG_JSON`), where there are no
 * files (Workers); validated like a `.json` file, errors naming the variable and the line.
 */
export function parseConfigJson(text: string, variable: string): FileSettings {
  return parseConfigText(text, `${variable}.json`, fileSchema);
}

/** Reads and validates the config file; `.json` files are JSON, others YAML. Errors name the line. */
export function readConfigFile(path: string): FileSettings {
  return parseConfigText(readConfigText(path), path, fileSchema);
}

/** Validates config text that is not read from a file (`name` stands for the path in messages). */
export function parseConfigSettings(text: string, name: string): FileSettings {
  return parseConfigText(text, name, fileSchema);
}

/** A config file's text; a ConfigError saying why when it cannot be read. */
export function readConfigText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ConfigError(`config file ${path}: ${(code && UNREADABLE[code]) || message}`);
  }
}
