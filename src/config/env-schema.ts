/** The environment variables the service reads, with their defaults. */
import { z } from "zod";
import { duration, fraction } from "./values.js";

const emailList = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((address) => address.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email("expected comma-separated email addresses")));

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone such as Europe/Berlin");

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLA_DB: z.string().min(1).default("./data/sla.db"),
  SLA_API_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SLA_PUBLIC_READ: z
    .enum(["true", "false"], "expected true or false")
    .default("false")
    .transform((value) => value === "true"),
  SLA_CONFIG: z.string().min(1).optional(),
  /** The config file's settings as JSON text, for runtimes without files (Workers); SLA_CONFIG wins. */
  SLA_CONFIG_JSON: z.string().min(2).optional(),
  SLA_TARGET: duration("SLA_TARGET").optional(),
  SLA_WINDOW: duration("SLA_WINDOW").optional(),
  SLA_WARNING_SHARE: z.coerce.number().gt(0).lt(1).optional(),
  SLA_GOAL_RESPONSE_RATE: fraction.optional(),
  SLA_GOAL_ATTAINMENT: fraction.optional(),
  SLA_GOAL_FCR: fraction.optional(),
  SLA_GOAL_WINDOW: duration("SLA_GOAL_WINDOW").optional(),
  SLA_ACCOUNTS: z.string().optional(),
  SLA_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  SLA_MAX_BATCH_ITEMS: z.coerce.number().int().positive().default(10_000),
  SLA_SCAN_CRON: z.string().min(1).default("* * * * *"),
  SLA_ESCALATION_DELAY: duration("SLA_ESCALATION_DELAY").default(3_600_000),
  SLA_ALERT_MAX_AGE: duration("SLA_ALERT_MAX_AGE").default(86_400_000),
  SLA_ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "expected smtp://user:pass@host:port or smtps://...")
    .optional(),
  MAIL_API_URL: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL of a JSON mail API" })
    .optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).optional(),
  ALERT_WEBHOOK_FORMAT: z.enum(["slack", "json"]).default("slack"),
  ALERT_FROM: z.string().min(3).default("SLA monitor <sla-monitor@localhost>"),
  ALERT_TO: emailList.optional(),
  ALERT_ESCALATION_TO: emailList.optional(),
  SLA_OUTBOX_DIR: z.string().min(1).default("./data/outbox"),
  PUBLIC_URL: z.url().optional(),
  SLA_SUMMARY_HOUR: z.union([z.literal("off"), z.coerce.number().int().min(0).max(23)]).default(8),
  SLA_SUMMARY_TZ: timeZone.default("UTC"),
  X_CONSUMER_SECRET: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  META_VERIFY_TOKEN: z.string().optional(),
  ZENDESK_WEBHOOK_SECRET: z.string().optional(),
  ZENDESK_TOLERANCE: duration("ZENDESK_TOLERANCE").default(300_000),
  SLA_RATE_LIMIT: z
    .union([z.literal("off"), z.coerce.number().positive()], {
      error: "expected requests per second (such as 200), or off",
    })
    .default(200),
  SLA_RATE_BURST: z.coerce.number().int().min(1).optional(),
  SLA_TRUST_PROXY: z.stringbool().default(false),
  SLA_REQUEST_TIMEOUT: duration("SLA_REQUEST_TIMEOUT").default(30_000),
  SLA_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SLA_LOG_MESSAGES: z.stringbool().default(false),
});

/** The environment after parsing: defaults applied, durations in milliseconds. */
export type EnvSettings = z.infer<typeof envSchema>;
