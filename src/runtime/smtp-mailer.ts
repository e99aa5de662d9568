import { createTransport, type SendMailOptions } from "nodemailer";
import type { Mailer, OutgoingEmail } from "../services/mailer.js";

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS). */
  url: string;
}

// Alerts must not hang a cycle on a dead server: fail fast, the outbox retries later.
const TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

const HEADER_BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

/** A header value on one line: a CR/LF in it could otherwise start a new header (header injection). */
function headerValue(value: string): string {
  return value.replace(HEADER_BREAKS, " ").trim();
}

/**
 * The nodemailer message for an outgoing email, shared by the SMTP and the outbox mailers so both write the
 * same headers. Subject and extra headers are forced onto one line whatever the caller passed.
 */
export function toNodemailerMessage(email: OutgoingEmail): SendMailOptions {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(email.headers)) {
    // A header name with anything but printable ASCII is invalid; dropping it beats sending a broken message.
    if (/^[!-9;-~]+$/.test(name)) headers[name] = headerValue(value);
  }
  return {
    from: email.from,
    to: email.to,
    subject: headerValue(email.subject),
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    date: email.date,
    headers,
  };
}

interface SmtpEndpoint {
  host: string;
  port: number;
  /** The URL without password or query (the query may carry credentials such as `auth.pass`). */
  description: string;
  password: string;
}

/** Reads the connection URL, throwing an error that never repeats the URL (it holds the password). */
function parseSmtpUrl(url: string): SmtpEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("SMTP URL: expected smtp://user:pass@host:587 or smtps://user:pass@host:465");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error(`SMTP URL: expected the smtp: or smtps: scheme, got ${parsed.protocol}`);
  }
  if (parsed.hostname === "") throw new Error("SMTP URL: the host is missing");
  const secure = parsed.protocol === "smtps:";
  // nodemailer's defaults when the URL names no port.
  const port = parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port);
  const user = parsed.username === "" ? "" : `${parsed.username}@`;
  return {
    host: parsed.hostname,
    port,
    description: `${parsed.protocol}//${user}${parsed.hostname}:${port}`,
    password: decodedPassword(parsed),
  };
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // nodemailer's message names the command and quotes the reply: "Mail command failed: 550 5.7.1 ...".
  return error.message || error.name;
}

function decodedPassword(url: URL): string {
  try {
    return decodeURIComponent(url.password);
  } catch {
    return url.password;
  }
}

/** `SMTP 127.0.0.1:2525: connect ECONNREFUSED`, with any echo of the password blanked out. */
function readableError(error: unknown, endpoint: SmtpEndpoint): Error {
  const where = `${endpoint.host}:${endpoint.port}`;
  let message = messageOf(error).replace(` ${where}`, "").trim();
  if (endpoint.password !== "") message = message.split(endpoint.password).join("***");
  return new Error(`SMTP ${where}: ${message}`, { cause: error });
}

/**
 * A mailer that delivers through an SMTP server with nodemailer. Resolves once the server accepted the
 * message (for at least one recipient); rejects with an error naming host:port and the failure or the
 * server's reply. The `cause` keeps nodemailer's error (`responseCode`, `permanent`).
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const endpoint = parseSmtpUrl(options.url);
  const transport = createTransport({ url: options.url, ...TIMEOUTS });
  return {
    kind: "smtp",
    description: endpoint.description,
    async send(email: OutgoingEmail): Promise<void> {
      try {
        await transport.sendMail(toNodemailerMessage(email));
      } catch (error) {
        throw readableError(error, endpoint);
      }
    },
  };
}
