/** A rendered email ready to hand to a transport. */
export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** `<...@...>`, stable for a given batch so a retried send can be recognised as the same message. */
  messageId: string;
  date: Date;
  /** Extra headers, e.g. `References` to thread a day's alerts together in mail clients. */
  headers: Record<string, string>;
}

/** Sends email. Implementations: SMTP (nodemailer), an outbox folder of `.eml` files, HTTP APIs. */
export interface Mailer {
  /** Where mail goes, for the status endpoint: e.g. `smtp://mail.example.com:587` or `outbox folder ./data/outbox`. */
  readonly description: string;
  readonly kind: "smtp" | "http" | "webhook" | "outbox";
  /** Resolves once the transport accepted the message; rejects with a readable error otherwise. */
  send(email: OutgoingEmail): Promise<void>;
}
