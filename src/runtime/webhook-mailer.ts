/**
 * Alerts to a chat webhook instead of email, with `fetch` only (Node and Workers): Slack-style
 * `{"text": ...}` by default, or the whole email as JSON for a webhook of one's own. Deliveries keep the
 * outbox's rules (claimed, retried, never lost); the recipient is sent along so a relay can route it.
 */
import type { Mailer, OutgoingEmail } from "../services/mailer.js";
import { expectSuccess, mailApiBody, postJson } from "./http-mailer.js";

export type WebhookFormat = "slack" | "json";

export interface WebhookMailerOptions {
  url: string;
  format: WebhookFormat;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Slack shows at most about 40,000 characters of `text`; leads need the top of the digest. */
const TEXT_MAX = 3_500;

/** The Slack-style message: the subject in bold, then the plain-text digest, cut with a note when long. */
export function slackMessage(email: OutgoingEmail): { text: string } {
  const body =
    email.text.length > TEXT_MAX
      ? `${email.text.slice(0, TEXT_MAX)}\n… (cut; the full digest is on the status page)`
      : email.text;
  return { text: `*${email.subject}*\n${body}` };
}

export function createWebhookMailer(options: WebhookMailerOptions): Mailer {
  const send = options.fetch ?? fetch;
  const endpoint = new URL(options.url);
  return {
    description: `webhook ${endpoint.origin}`,
    kind: "webhook",
    async send(email) {
      const body = options.format === "slack" ? slackMessage(email) : mailApiBody(email);
      const response = await postJson(
        send,
        options.url,
        body,
        { "idempotency-key": email.messageId },
        options.timeoutMs,
      );
      await expectSuccess(response, "webhook");
    },
  };
}
