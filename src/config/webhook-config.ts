/** The webhook secrets: from the environment and per account in the config file. */
import type { WebhookConfig } from "../config.js";
import type { EnvSettings } from "./env-schema.js";
import type { FileSettings } from "./file-schema.js";

const secretList = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);

/** Secrets from the environment plus those configured per account in the file (never logged). */
export function webhookConfig(e: EnvSettings, file: FileSettings): WebhookConfig {
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
