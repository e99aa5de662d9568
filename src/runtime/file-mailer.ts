import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readdir, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import type { Mailer, OutgoingEmail } from "../services/mailer.js";
import { toNodemailerMessage } from "./smtp-mailer.js";

/** Options of {@link createFileMailer}. */
export interface FileMailerOptions {
  /** The outbox folder; created when missing. */
  dir: string;
}

const ID_MAX = 100;

/**
 * The Message-ID as a file-name part: `<alerts-1@example.com>` → `alerts-1@example.com`. When characters had
 * to be replaced or the id cut, a short hash of the id keeps distinct ids in distinct files.
 */
export function fileIdOf(messageId: string): string {
  const bare = messageId.trim().replace(/^<|>$/g, "");
  const safe = bare
    .replace(/[^A-Za-z0-9._@+-]/g, "_")
    .replace(/^\.+/, "_")
    .slice(0, ID_MAX);
  if (safe === bare && safe !== "") return safe;
  const hash = createHash("sha256").update(messageId).digest("hex").slice(0, 8);
  return `${safe}-${hash}`;
}

/** `2026-03-02T09-00-00Z`: the date in UTC without characters some file systems refuse (`:`). */
function fileDateOf(date: Date): string {
  const time = Number.isNaN(date.getTime()) ? new Date(0) : date;
  return time
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
}

/**
 * The file a message goes to: the one already written for this Message-ID if any (a retry carries a new
 * date but must replace, not duplicate, the earlier copy), else a new `<date>_<id>.eml`.
 */
async function targetName(dir: string, email: OutgoingEmail): Promise<string> {
  const suffix = `_${fileIdOf(email.messageId)}.eml`;
  const existing = (await readdir(dir)).filter((name) => name.endsWith(suffix)).sort();
  return existing[0] ?? `${fileDateOf(email.date)}${suffix}`;
}

/** Writes via a temporary file, flushed, then renamed: readers see the whole file or none of it. */
async function writeAtomically(dir: string, name: string, content: Buffer): Promise<void> {
  const temp = join(dir, `.${name}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * A mailer that writes each email as an RFC 5322 `.eml` file into an outbox folder, built by nodemailer's
 * stream transport so the headers are the ones SMTP delivery would send (CRLF line ends). Sending the same
 * Message-ID again replaces its file.
 */
export function createFileMailer(options: FileMailerOptions): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "outbox",
    description: `outbox folder ${options.dir}`,
    async send(email: OutgoingEmail): Promise<void> {
      try {
        // Every time, not once: the folder may have been removed or mounted since the last send.
        await mkdir(options.dir, { recursive: true });
        const info = await transport.sendMail(toNodemailerMessage(email));
        if (!Buffer.isBuffer(info.message)) throw new Error("expected the message as a buffer");
        await writeAtomically(options.dir, await targetName(options.dir, email), info.message);
      } catch (error) {
        throw new Error(`outbox folder ${options.dir}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
