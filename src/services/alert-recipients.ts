import type { AlertConfig } from "../config.js";
import type { NoticeLevel } from "../storage/alert-store.js";

/** Where outbox files are addressed when no recipients are configured (no SMTP: nothing leaves the machine). */
export const OUTBOX_RECIPIENT = "support-leads@localhost";

/** The one recipient of a chat webhook without configured recipients. */
export const WEBHOOK_RECIPIENT = "webhook";

/**
 * The recipients of an alert: escalations go to the escalation list (falling back to the regular one so
 * nothing is silently dropped), everything else to the regular list; an account's own lists win.
 */
export function recipientsFor(config: AlertConfig, account: string, level: NoticeLevel): string[] {
  const own = config.accountRecipients[account.toLowerCase()];
  const to = own?.to ?? config.recipients.to;
  const escalationTo = own?.escalationTo ?? config.recipients.escalationTo;
  const list = level === "escalation" && escalationTo.length > 0 ? escalationTo : to;
  if (list.length > 0) return list;
  if (config.smtpUrl || config.mailApi) return [];
  return [config.webhook ? WEBHOOK_RECIPIENT : OUTBOX_RECIPIENT];
}
