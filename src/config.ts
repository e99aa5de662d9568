import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseDuration } from "./domain/duration.js";
import type { SlaPolicy } from "./domain/policy.js";

/** Everything the service is configured with; read once from the environment and an optional JSON file. */
export interface Config {
  port: number;
  dbPath: string;
  apiToken: string | null;
  policy: SlaPolicy;
  /** Share of the target after which an unanswered conversation is at risk. */
  warningShare: number;
  goals: Goals;
  /** Brand accounts known up front (others are learned from outbound messages). */
  accounts: string[];
  maxBodyBytes: number;
  maxBatchItems: number;
  alerts: AlertConfig;
  webhooks: WebhookConfig;
}

/** Secrets of the networks' webhooks; several are accepted at once so a secret can be rotated. */
export interface WebhookConfig {
  xConsumerSecrets: string[];
  metaAppSecrets: string[];
  metaVerifyTokens: string[];
  zendeskSecrets: string[];
  /** How far a Zendesk signature timestamp may be from now (replay protection). */
  zendeskToleranceMs: number;
}

export interface Recipients {
  to: string[];
  escalationTo: string[];
}

export interface AlertConfig {
  /** node-cron expression of the scan and delivery cycle. */
  cron: string;
  escalationDelayMs: number;
  /** Alert points older than this are never raised (history just imported, a long outage). */
  maxAgeMs: number;
  maxAttempts: number;
  smtpUrl: string | null;
  from: string;
  recipients: Recipients;
  /** Recipients per account, replacing the default lists for that account. */
  accountRecipients: Record<string, Partial<Recipients>>;
  outboxDir: string;
  /** The service's address as leads reach it, for links in emails. */
  publicUrl: string;
  summary: { hour: number; timeZone: string } | null;
}

export interface Goals {
  responseRate: number;
  attainment: number;
  fcr: number;
  /** The trailing window the headline numbers are measured over. */
  windowMs: number;
}

const duration = (name: string) =>
  z.union([z.number().int().positive(), z.string()]).transform((value, ctx) => {
    const ms = typeof value === "number" ? value : parseDuration(value);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: "custom", message: `${name}: expected a duration such as 2h, 90m or 72h` });
      return z.NEVER;
    }
    return ms;
  });

const fraction = z.coerce.number().min(0).max(1);

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

const fileSchema = z
  .object({
    target: duration("target").optional(),
    window: duration("window").optional(),
    warning_share: z.number().gt(0).lt(1).optional(),
    goals: z
      .object({
        response_rate: fraction.optional(),
        attainment: fraction.optional(),
        fcr: fraction.optional(),
        window: duration("goals.window").optional(),
      })
      .strict()
      .optional(),
    accounts: z.array(z.string().min(1)).optional(),
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
  .strict();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLA_DB: z.string().min(1).default("./data/sla.db"),
  SLA_API_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SLA_CONFIG: z.string().min(1).optional(),
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
});

const secretList = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);

export class ConfigError extends Error {}

function describe(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join(".");
      return issue.code === "custom" ? issue.message : `${prefix}${path}: ${issue.message}`;
    })
    .join("; ");
}

function readConfigFile(path: string): z.infer<typeof fileSchema> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`config file ${path}: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`config file ${path}: ${describe(parsed.error, "")}`);
  return parsed.data;
}

/** Builds the configuration from environment variables (which win) and the JSON file named by `SLA_CONFIG`. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`environment: ${describe(parsed.error, "")}`);
  const e = parsed.data;
  const file = e.SLA_CONFIG ? readConfigFile(e.SLA_CONFIG) : {};
  const envAccounts = (e.SLA_ACCOUNTS ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    port: e.PORT,
    dbPath: e.SLA_DB,
    apiToken: e.SLA_API_TOKEN ?? null,
    policy: {
      targetMs: e.SLA_TARGET ?? file.target ?? 2 * 3_600_000,
      windowMs: e.SLA_WINDOW ?? file.window ?? 72 * 3_600_000,
    },
    warningShare: e.SLA_WARNING_SHARE ?? file.warning_share ?? 0.75,
    goals: {
      responseRate: e.SLA_GOAL_RESPONSE_RATE ?? file.goals?.response_rate ?? 1,
      attainment: e.SLA_GOAL_ATTAINMENT ?? file.goals?.attainment ?? 1,
      fcr: e.SLA_GOAL_FCR ?? file.goals?.fcr ?? 0.7,
      windowMs: e.SLA_GOAL_WINDOW ?? file.goals?.window ?? 30 * 86_400_000,
    },
    accounts: [...new Set([...(file.accounts ?? []), ...envAccounts])],
    maxBodyBytes: e.SLA_MAX_BODY_BYTES,
    maxBatchItems: e.SLA_MAX_BATCH_ITEMS,
    alerts: alertConfig(e, file),
    webhooks: webhookConfig(e, file),
  };
}

/** Secrets from the environment plus those configured per account in the file (never logged). */
function webhookConfig(e: z.infer<typeof envSchema>, file: z.infer<typeof fileSchema>): WebhookConfig {
  const perAccount = Object.values(file.webhooks?.accounts ?? {});
  const collect = (
    fromEnv: string | undefined,
    pick: (a: (typeof perAccount)[number]) => string | undefined,
  ) => [...new Set([...secretList(fromEnv), ...perAccount.map(pick).filter((v): v is string => Boolean(v))])];
  return {
    xConsumerSecrets: collect(e.X_CONSUMER_SECRET, (a) => a.x_consumer_secret),
    metaAppSecrets: collect(e.META_APP_SECRET, (a) => a.meta_app_secret),
    metaVerifyTokens: collect(e.META_VERIFY_TOKEN, (a) => a.meta_verify_token),
    zendeskSecrets: collect(e.ZENDESK_WEBHOOK_SECRET, (a) => a.zendesk_secret),
    zendeskToleranceMs: e.ZENDESK_TOLERANCE,
  };
}

function alertConfig(e: z.infer<typeof envSchema>, file: z.infer<typeof fileSchema>): AlertConfig {
  const accountRecipients: Record<string, Partial<Recipients>> = {};
  for (const [account, lists] of Object.entries(file.alerts?.accounts ?? {})) {
    accountRecipients[account] = {
      ...(lists.to ? { to: lists.to } : {}),
      ...(lists.escalation_to ? { escalationTo: lists.escalation_to } : {}),
    };
  }
  const recipients = {
    to: e.ALERT_TO ?? file.alerts?.to ?? [],
    escalationTo: e.ALERT_ESCALATION_TO ?? file.alerts?.escalation_to ?? [],
  };
  if (e.SMTP_URL && recipients.to.length === 0) {
    throw new ConfigError("environment: ALERT_TO: required when SMTP_URL is set (comma-separated addresses)");
  }
  return {
    cron: e.SLA_SCAN_CRON,
    escalationDelayMs: e.SLA_ESCALATION_DELAY,
    maxAgeMs: e.SLA_ALERT_MAX_AGE,
    maxAttempts: e.SLA_ALERT_MAX_ATTEMPTS,
    smtpUrl: e.SMTP_URL ?? null,
    from: e.ALERT_FROM,
    recipients,
    accountRecipients,
    outboxDir: e.SLA_OUTBOX_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    summary: e.SLA_SUMMARY_HOUR === "off" ? null : { hour: e.SLA_SUMMARY_HOUR, timeZone: e.SLA_SUMMARY_TZ },
  };
}
