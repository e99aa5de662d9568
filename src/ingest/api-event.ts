import { z } from "zod";
import type { SlaEvent } from "../domain/event.js";

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

/** A UTF-16 half of a pair without its other half: SQLite would store it as U+FFFD, so the text would change. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);
const WELL_FORMED = "must be well-formed Unicode (a lone surrogate is not)";

const idText = z
  .union([
    z.string().trim().min(1, "must not be empty").max(256).refine(wellFormed, WELL_FORMED),
    z.number().int().nonnegative(),
  ])
  .transform(String);

const timestamp = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value : ISO_WITH_OFFSET.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({
      code: "custom",
      message: "expected ISO-8601 with an offset (2026-03-02T09:00:00Z) or epoch ms",
    });
    return z.NEVER;
  }
  if (ms < MIN_TIME || ms >= MAX_TIME) {
    ctx.addIssue({ code: "custom", message: "out of range (years 2000 to 2099)" });
    return z.NEVER;
  }
  return Math.round(ms);
});

/** A tag or priority: policies match on it; stored space-separated, so it has no spaces. */
const label = z
  .string()
  .regex(/^[^\s]{1,64}$/u, "1 to 64 characters without spaces")
  .refine(wellFormed, WELL_FORMED);

/** An event as posted to `POST /v1/events`. */
export const apiEventSchema = z
  .object({
    id: idText,
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/i, "letters, digits, '_', '.' or '-', up to 40")
      .default("api"),
    type: z.enum(["message", "resolve", "reopen"]).default("message"),
    account: z.string().trim().min(1).max(256).refine(wellFormed, WELL_FORMED).nullish(),
    direction: z.enum(["inbound", "outbound"]).optional(),
    author: z.string().trim().min(1).max(256).refine(wellFormed, WELL_FORMED).optional(),
    at: timestamp,
    in_reply_to: idText.nullish(),
    links: z.array(idText).max(10_000).optional(),
    conversation: idText.nullish(),
    text: z.string().max(100_000).refine(wellFormed, WELL_FORMED).nullish(),
    automated: z.boolean().default(false),
    tags: z.array(label).max(50).optional(),
    priority: label.nullish(),
    private: z.boolean().default(false),
  })
  .superRefine((event, ctx) => {
    if (event.type === "message") {
      if (!event.direction)
        ctx.addIssue({ code: "custom", path: ["direction"], message: "required: inbound or outbound" });
      if (!event.author)
        ctx.addIssue({ code: "custom", path: ["author"], message: "required for a message" });
    } else if (!event.in_reply_to && !event.conversation) {
      ctx.addIssue({
        code: "custom",
        path: ["in_reply_to"],
        message: `a ${event.type} names the thread it acts on: in_reply_to (a message id) or conversation`,
      });
    }
  });

export type ApiEvent = z.input<typeof apiEventSchema>;

export type ParseResult = { ok: true; event: SlaEvent } | { ok: false; reason: string };

/** Formats zod issues as `field: problem` so a rejection names what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "event"}: ${issue.message}`)
    .join("; ");
}

/** Validates one posted event and normalizes it. */
export function parseApiEvent(value: unknown): ParseResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "event: expected a JSON object" };
  }
  const parsed = apiEventSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const e = parsed.data;
  if (e.type !== "message") {
    return {
      ok: true,
      event: {
        type: e.type,
        source: e.source,
        id: e.id,
        at: e.at,
        author: e.author ?? null,
        inReplyTo: e.in_reply_to ?? null,
        conversation: e.conversation ?? null,
      },
    };
  }
  return {
    ok: true,
    event: {
      type: "message",
      source: e.source,
      id: e.id,
      direction: e.direction ?? "inbound",
      author: e.author ?? "",
      at: e.at,
      account: e.account ?? null,
      inReplyTo: e.in_reply_to ?? null,
      links: e.links ?? [],
      conversation: e.conversation ?? null,
      text: e.text ?? null,
      automated: e.automated,
      ...(e.tags?.length ? { tags: [...new Set(e.tags)] } : {}),
      ...(e.priority ? { priority: e.priority } : {}),
      ...(e.private ? { private: true } : {}),
    },
  };
}
