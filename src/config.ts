/**
 * The service's configuration, read once from the environment and an optional JSON or YAML file. The parts:
 * `config/env-schema.ts` and `config/file-schema.ts` (what may be set, and how it is parsed),
 * `config/config-source.ts` (reading a file so that errors name the line), `config/alert-config.ts` and
 * `config/webhook-config.ts` (those sections), `config/config-error.ts`.
 */
import { alertConfig } from "./config/alert-config.js";
import { ConfigError, describe } from "./config/config-error.js";
import { envSchema } from "./config/env-schema.js";
import { type FileSettings, parseConfigJson, readConfigFile } from "./config/file-schema.js";
import { goalList } from "./config/goal-config.js";
import { policySet } from "./config/policy-config.js";
import { webhookConfig } from "./config/webhook-config.js";
import { type AccountTags, accountTags } from "./domain/account-tags.js";
import type { Goal } from "./domain/goals.js";
import {
  DEFAULT_TARGET_MS,
  DEFAULT_WARNING_SHARE,
  DEFAULT_WINDOW_MS,
  type PolicySet,
} from "./domain/policy.js";

export { ConfigError };

/** Everything the service is configured with; read once from the environment and an optional config file. */
export interface Config {
  port: number;
  dbPath: string;
  apiToken: string | null;
  /** Reads (API, pages, `/metrics`) need no token: for a trusted network or the demo. */
  publicRead: boolean;
  /** The SLA policies in matching order (the last matches everything) and the window `W`. */
  policies: PolicySet;
  /** The default policy's first-response target (the headline target). */
  targetMs: number;
  /** Default share of a target after which an unanswered conversation is at risk. */
  warningShare: number;
  /** The headline goals (status, dashboard cards, daily summary). */
  goals: Goals;
  /** Goals with a scope, a start and a deadline (`goals` in the config file), in the order written. */
  goalList: readonly Goal[];
  /** Tags of brand accounts (regions, teams), for goal scopes and the metrics' `tag` breakdown. */
  accountTags: AccountTags;
  /**
   * The leads' time zone (`SLA_SUMMARY_TZ`): the daily summary's day, goal dates, and the hour and weekday
   * breakdowns.
   */
  timeZone: string;
  /** Brand accounts known up front (others are learned from outbound messages). */
  accounts: string[];
  maxBodyBytes: number;
  maxBatchItems: number;
  alerts: AlertConfig;
  webhooks: WebhookConfig;
  limits: LimitsConfig;
  log: LogConfig;
}

/** Request rate limits and timeouts. */
export interface LimitsConfig {
  /** Token bucket per API token (or per client address without one); null when off. */
  rate: { perSecond: number; burst: number } | null;
  /** Use the last `X-Forwarded-For` address as the client address (behind one reverse proxy). */
  trustProxy: boolean;
  requestTimeoutMs: number;
}

/** The structured log: its level, and whether message text may appear in it. */
export interface LogConfig {
  level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  messages: boolean;
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
  /** A JSON mail API (used when there is no SMTP URL). */
  mailApi: { url: string; key: string | null } | null;
  /** A chat webhook (used when there is neither SMTP nor a mail API). */
  webhook: { url: string; format: "slack" | "json" } | null;
  from: string;
  recipients: Recipients;
  /** Recipients per account (keyed by the lowercased name), replacing the default lists for that account. */
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

/**
 * Builds the configuration from environment variables (which win) and the file named by `SLA_CONFIG` (or
 * its settings as JSON text in `SLA_CONFIG_JSON`, where there are no files); without either, from
 * `fallback` (the demo's built-in settings).
 */
export function loadConfig(env: Record<string, string | undefined>, fallback: FileSettings = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`environment: ${describe(parsed.error, "")}`);
  const e = parsed.data;
  const file = e.SLA_CONFIG
    ? readConfigFile(e.SLA_CONFIG)
    : e.SLA_CONFIG_JSON
      ? parseConfigJson(e.SLA_CONFIG_JSON, "SLA_CONFIG_JSON")
      : fallback;
  const targetMs = e.SLA_TARGET ?? file.target ?? DEFAULT_TARGET_MS;
  const warningShare = e.SLA_WARNING_SHARE ?? file.warning_share ?? DEFAULT_WARNING_SHARE;
  // The headline goals: `headline_goals`, or the older `goals` mapping (a list of goals is the newer form).
  const headline = file.headline_goals ?? (Array.isArray(file.goals) ? undefined : file.goals);
  const envAccounts = (e.SLA_ACCOUNTS ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    port: e.PORT,
    dbPath: e.SLA_DB,
    apiToken: e.SLA_API_TOKEN ?? null,
    publicRead: e.SLA_PUBLIC_READ,
    policies: policySet({
      policies: file.policies ?? [],
      calendars: file.calendars ?? {},
      targetMs,
      warningShare,
      windowMs: e.SLA_WINDOW ?? file.window ?? DEFAULT_WINDOW_MS,
    }),
    targetMs,
    warningShare,
    goals: {
      responseRate: e.SLA_GOAL_RESPONSE_RATE ?? headline?.response_rate ?? 1,
      attainment: e.SLA_GOAL_ATTAINMENT ?? headline?.attainment ?? 1,
      fcr: e.SLA_GOAL_FCR ?? headline?.fcr ?? 0.7,
      windowMs: e.SLA_GOAL_WINDOW ?? headline?.window ?? 30 * 86_400_000,
    },
    goalList: Array.isArray(file.goals) ? goalList(file.goals, e.SLA_SUMMARY_TZ) : [],
    accountTags: accountTags(file.account_tags ?? {}),
    timeZone: e.SLA_SUMMARY_TZ,
    accounts: [...new Set([...(file.accounts ?? []), ...envAccounts])],
    maxBodyBytes: e.SLA_MAX_BODY_BYTES,
    maxBatchItems: e.SLA_MAX_BATCH_ITEMS,
    alerts: alertConfig(e, file),
    webhooks: webhookConfig(e, file),
    limits: {
      rate:
        e.SLA_RATE_LIMIT === "off"
          ? null
          : { perSecond: e.SLA_RATE_LIMIT, burst: e.SLA_RATE_BURST ?? Math.ceil(2 * e.SLA_RATE_LIMIT) },
      trustProxy: e.SLA_TRUST_PROXY,
      requestTimeoutMs: e.SLA_REQUEST_TIMEOUT,
    },
    log: { level: e.SLA_LOG_LEVEL, messages: e.SLA_LOG_MESSAGES },
  };
}
