import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from "smtp-server";

/** One message the sink accepted: the SMTP envelope, the raw bytes and mailparser's reading of them. */
export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  /** The credentials the client logged in with, if it did. */
  user: string | null;
  raw: Buffer;
  parsed: ParsedMail;
}

/** The reply a refusing sink gives to MAIL FROM, RCPT TO and DATA. */
export interface Refusal {
  code: number;
  message: string;
}

/** A real SMTP server on 127.0.0.1 for tests, with switches to refuse mail or go offline. */
export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** `smtp://user:pass@127.0.0.1:<port>`. */
  readonly url: string;
  /** Every accepted message, in arrival order; pushed before the final 250 reply. */
  readonly messages: ReceivedMail[];
  /** While on, every MAIL/RCPT/DATA is answered with `refusal` (default 550). */
  refuse(on: boolean, refusal?: Refusal): void;
  /** Stops listening: connections are refused until {@link SmtpSink.start}. */
  stop(): Promise<void>;
  /** Listens again on the same port (recovery after an outage). */
  start(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_REFUSAL: Refusal = { code: 550, message: "5.7.1 Delivery refused by test sink" };

function refusalError(refusal: Refusal): SMTPServerError {
  const error: SMTPServerError = new Error(refusal.message);
  error.responseCode = refusal.code;
  return error;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts an SMTP sink on a random free port of 127.0.0.1. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const host = "127.0.0.1";
  const messages: ReceivedMail[] = [];
  let refusal: Refusal | null = null;

  const createServer = () =>
    new SMTPServer({
      authOptional: true,
      // Plain TCP only: the client must not try STARTTLS, and may log in without TLS.
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 200,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username ?? "anonymous" });
      },
      onMailFrom(_address, _session, callback) {
        callback(refusal ? refusalError(refusal) : null);
      },
      onRcptTo(_address, _session, callback) {
        callback(refusal ? refusalError(refusal) : null);
      },
      onData(stream, session, callback) {
        readAll(stream)
          .then(async (raw) => {
            // Refusal may have been switched on after RCPT; DATA is refused too.
            if (refusal) return callback(refusalError(refusal));
            const mailFrom = session.envelope.mailFrom;
            messages.push({
              envelope: {
                from: mailFrom ? mailFrom.address : null,
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              user: typeof session.user === "string" ? session.user : null,
              raw,
              parsed: await simpleParser(raw),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });

  let server: SMTPServer | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer();
      next.once("error", reject);
      next.listen(port, host, () => {
        next.off("error", reject);
        const address = next.server.address();
        if (address && typeof address === "object") port = address.port;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (current) current.close(() => resolve());
      else resolve();
    });

  await listen();

  return {
    host,
    get port() {
      return port;
    },
    get url() {
      return `smtp://sink-user:sink-pass@${host}:${port}`;
    },
    messages,
    refuse(on, reply = DEFAULT_REFUSAL) {
      refusal = on ? reply : null;
    },
    stop,
    async start() {
      if (!server) await listen();
    },
    close: stop,
  };
}
