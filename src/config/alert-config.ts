/** The alerting settings: schedule, delivery and recipients (default and per account). */
import type { AlertConfig, Recipients } from "../config.js";
import { ConfigError } from "./config-error.js";
import type { EnvSettings } from "./env-schema.js";
import type { FileSettings } from "./file-schema.js";

export function alertConfig(e: EnvSettings, file: FileSettings): AlertConfig {
  const accountRecipients: Record<string, Partial<Recipients>> = {};
  // Keyed case-insensitively, as accounts are matched everywhere else (the file schema refuses two
  // spellings of one account).
  for (const [account, lists] of Object.entries(file.alerts?.accounts ?? {})) {
    accountRecipients[account.toLowerCase()] = {
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
  if (e.MAIL_API_URL && !e.SMTP_URL && recipients.to.length === 0) {
    throw new ConfigError(
      "environment: ALERT_TO: required when MAIL_API_URL is set (comma-separated addresses)",
    );
  }
  return {
    cron: e.SLA_SCAN_CRON,
    escalationDelayMs: e.SLA_ESCALATION_DELAY,
    maxAgeMs: e.SLA_ALERT_MAX_AGE,
    maxAttempts: e.SLA_ALERT_MAX_ATTEMPTS,
    smtpUrl: e.SMTP_URL ?? null,
    mailApi: e.MAIL_API_URL ? { url: e.MAIL_API_URL, key: e.MAIL_API_KEY ?? null } : null,
    webhook: e.ALERT_WEBHOOK_URL ? { url: e.ALERT_WEBHOOK_URL, format: e.ALERT_WEBHOOK_FORMAT } : null,
    from: e.ALERT_FROM,
    recipients,
    accountRecipients,
    outboxDir: e.SLA_OUTBOX_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    summary: e.SLA_SUMMARY_HOUR === "off" ? null : { hour: e.SLA_SUMMARY_HOUR, timeZone: e.SLA_SUMMARY_TZ },
  };
}
