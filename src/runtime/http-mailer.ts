/**
 * Email through an HTTP mail API, with `fetch` only, so it runs on Node and on Workers alike: one JSON POST
 * per email. The Message-ID doubles as the `Idempotency-Key`, so a provider that honours it never sends a
 * batch twice when a send cut short is retried.
 */
import type { Mailer, OutgoingEmail } from "../services/mailer.js";

export interface HttpMailerOptions {
  url: string;
  /** Sent as `Authorization: Bearer <key>`. */
  key: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The JSON body the mail API receives. */
export function mailApiBody(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    message_id: email.messageId,
    date: email.date.toISOString(),
    headers: email.headers,
  };
}

export function createHttpMailer(options: HttpMailerOptions): Mailer {
  const send = options.fetch ?? fetch;
  const endpoint = new URL(options.url);
  return {
    description: `mail API ${endpoint.origin}${endpoint.pathname}`,
    kind: "http",
    async send(email) {
      const response = await postJson(
        send,
        options.url,
        mailApiBody(email),
        {
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          "idempotency-key": email.messageId,
        },
        options.timeoutMs,
      );
      await expectSuccess(response, "mail API");
    },
  };
}

/** POSTs JSON with a timeout; network failures reject with the reason. */
export async function postJson(
  send: typeof fetch,
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs = 30_000,
): Promise<Response> {
  return send(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** Rejects unless the answer is 2xx, naming the status and the start of the answer. */
export async function expectSuccess(response: Response, what: string): Promise<void> {
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const detail = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim().slice(0, 200);
  throw new Error(`${what} answered ${response.status}${detail ? `: ${detail}` : ""}`);
}
