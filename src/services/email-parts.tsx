import type { Child } from "hono/jsx";
import type { JSX } from "hono/jsx/jsx-runtime";
import { formatDuration } from "../domain/duration.js";
import type { DigestItem } from "./digest-item.js";

/** A rendered email body pair with its subject. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const EXCERPT_MAX = 200;

// ---------------------------------------------------------------------------------------------------------
// Text helpers shared by the alert and the daily summary emails.
// ---------------------------------------------------------------------------------------------------------

/** Control characters (C0, DEL, C1) and Unicode line/paragraph separators: they break headers and terminals. */
const CONTROL_RUN = /[\p{Cc}\u2028\u2029]+/gu;

/**
 * Makes text safe for a single line: control characters (CR, LF, ESC, ...) become a space, so a hostile
 * value can neither inject a mail header nor send escape sequences to a terminal.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL_RUN, " ").replace(/\s+/g, " ").trim();
}

/** `n thing` / `n things`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * The first message as a one-line preview of about `max` characters. Cuts between graphemes (never inside a
 * surrogate pair or an emoji sequence), preferably at a space near the end, and marks the cut with "…".
 */
export function excerptOf(text: string | null, max = EXCERPT_MAX): string {
  if (text === null) return "(no text)";
  const flat = oneLine(text);
  if (flat === "") return "(no text)";
  let kept = "";
  let count = 0;
  for (const { segment } of graphemes.segment(flat)) {
    if (count === max) {
      const space = kept.lastIndexOf(" ");
      // Back off to a word boundary only when it costs little of the preview.
      const cut = space >= kept.length - 30 && space > 0 ? kept.slice(0, space) : kept;
      return `${cut.trimEnd()}…`;
    }
    kept += segment;
    count++;
  }
  return kept;
}

interface ZoneFormatters {
  primary: Intl.DateTimeFormat;
  fallback: Intl.DateTimeFormat;
}

const zoneFormatters = new Map<string, ZoneFormatters>();

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
}

// Building a DateTimeFormat is slow and an email formats many times in the same zone.
function formattersFor(timeZone: string): ZoneFormatters {
  let formatters = zoneFormatters.get(timeZone);
  if (!formatters) {
    formatters = { primary: formatterFor("en-US", timeZone), fallback: formatterFor("en-GB", timeZone) };
    zoneFormatters.set(timeZone, formatters);
  }
  return formatters;
}

function partsOf(formatter: Intl.DateTimeFormat, ms: number): Partial<Record<string, string>> {
  const parts: Partial<Record<string, string>> = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  return parts;
}

const NUMERIC_OFFSET = /^GMT[+-]/;

/**
 * `2026-03-02 09:00 UTC` in the given IANA zone, with the zone's abbreviation. en-US knows the American
 * abbreviations (EST), en-GB the European ones (CET, BST); a numeric offset (GMT+9) where neither has one.
 * Throws a RangeError for an unknown zone.
 */
export function formatTime(ms: number, timeZone = "UTC"): string {
  const { primary, fallback } = formattersFor(timeZone);
  const parts = partsOf(primary, ms);
  let zone = parts.timeZoneName ?? timeZone;
  if (NUMERIC_OFFSET.test(zone)) {
    const other = partsOf(fallback, ms).timeZoneName;
    if (other !== undefined && !NUMERIC_OFFSET.test(other)) zone = other;
  }
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${zone}`;
}

/** Where the conversation stands at `now`: time left, overdue, or when it was answered. */
function statusOf(item: DigestItem, now: number): { text: string; late: boolean } {
  if (item.answeredSince) return { text: "answered since", late: false };
  if (item.firstResponseAt !== null) {
    const after = `answered after ${formatDuration(item.firstResponseAt - item.startedAt)}`;
    const lateBy = item.firstResponseAt - item.dueAt;
    return lateBy > 0
      ? { text: `${after} (${formatDuration(lateBy)} late)`, late: true }
      : { text: `${after} (in time)`, late: false };
  }
  const left = item.dueAt - now;
  if (left > 0) return { text: `${formatDuration(left)} left`, late: false };
  if (left < 0) return { text: `overdue by ${formatDuration(-left)}`, late: true };
  return { text: "due now", late: false };
}

/** Only web links become clickable: a `javascript:` or `data:` link is shown as text. */
function safeHref(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** One conversation as both parts show it; every field already one line. */
export interface ItemView {
  /** The target, when not the first response: "next response" or "resolution". */
  target: string | null;
  account: string;
  source: string;
  customer: string;
  excerpt: string;
  started: string;
  due: string;
  status: string;
  late: boolean;
  link: string;
  href: string | null;
}

/** The displayed fields of one digest item at `now` in `timeZone`. */
export function viewItem(item: DigestItem, now: number, timeZone: string): ItemView {
  const status = statusOf(item, now);
  return {
    target: item.target === "first_response" ? null : item.target.replace("_", " "),
    account: oneLine(item.account) || "unattributed",
    source: oneLine(item.source),
    customer: oneLine(item.customer),
    excerpt: excerptOf(item.excerpt),
    started: formatTime(item.startedAt, timeZone),
    due: formatTime(item.dueAt, timeZone),
    status: status.text,
    late: status.late,
    link: oneLine(item.link),
    href: safeHref(item.link),
  };
}

/** Oldest due first (as the status endpoint lists breaches), ties by conversation id. */
export function byDue(a: DigestItem, b: DigestItem): number {
  return (
    a.dueAt - b.dueAt ||
    (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0)
  );
}

/** The plain-text lines of one conversation, readable in a terminal. */
function itemTextLines(view: ItemView): string[] {
  return [
    `* ${view.account} on ${view.source}, from ${view.customer}: ${view.target ? `${view.target}: ` : ""}${view.status}`,
    `  "${view.excerpt}"`,
    `  started ${view.started}, due ${view.due}`,
    `  ${view.link}`,
  ];
}

/** A heading underlined for the plain-text part. */
function textHeading(title: string): string[] {
  return [title, "=".repeat(title.length)];
}

/** The text of one section: an underlined heading, then the conversations separated by blank lines. */
export function textSection(title: string, views: readonly ItemView[]): string {
  return [textHeading(title).join("\n"), ...views.map((view) => itemTextLines(view).join("\n"))].join("\n\n");
}

// ---------------------------------------------------------------------------------------------------------
// HTML building blocks (hono/jsx escapes every interpolated value; no HTML is built from strings).
// ---------------------------------------------------------------------------------------------------------

/** Inline styles (mail clients ignore style sheets); colours keep a 4.5:1 contrast on white. */
export const STYLES = {
  body: "margin:0;padding:16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4;color:#111827;background:#ffffff",
  h1: "font-size:20px;margin:0 0 8px",
  h2: "font-size:16px;margin:24px 0 8px",
  p: "margin:0 0 8px",
  table: "border-collapse:collapse;width:100%;max-width:960px",
  th: "text-align:left;padding:6px 8px;border-bottom:2px solid #d1d5db;font-size:12px;color:#374151",
  td: "padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top",
  muted: "color:#4b5563;font-size:12px",
  late: "color:#b91c1c;font-weight:600",
  ok: "color:#166534",
} as const;

/** The HTML document around an email's content: language, charset and a title for screen readers. */
export function EmailPage(props: { title: string; children?: Child }): JSX.Element {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body style={STYLES.body}>{props.children}</body>
    </html>
  );
}

function ItemRow(props: { view: ItemView }): JSX.Element {
  const { view } = props;
  return (
    <tr>
      <td style={STYLES.td}>
        <strong>{view.account}</strong>
        <br />
        <span style={STYLES.muted}>
          {view.source} · {view.customer}
        </span>
      </td>
      <td style={STYLES.td}>{view.excerpt}</td>
      <td style={STYLES.td}>{view.started}</td>
      <td style={STYLES.td}>{view.due}</td>
      <td style={view.late ? `${STYLES.td};${STYLES.late}` : STYLES.td}>
        {view.target ? `${view.target}: ` : ""}
        {view.status}
      </td>
      <td style={STYLES.td}>{view.href === null ? view.link : <a href={view.href}>Open conversation</a>}</td>
    </tr>
  );
}

/** A table of conversations; `label` names it for screen readers (mail clients drop hidden captions). */
export function ItemTable(props: { label: string; views: readonly ItemView[] }): JSX.Element {
  return (
    <table style={STYLES.table} aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col" style={STYLES.th}>
            Conversation
          </th>
          <th scope="col" style={STYLES.th}>
            First message
          </th>
          <th scope="col" style={STYLES.th}>
            Started
          </th>
          <th scope="col" style={STYLES.th}>
            Due
          </th>
          <th scope="col" style={STYLES.th}>
            Status
          </th>
          <th scope="col" style={STYLES.th}>
            Link
          </th>
        </tr>
      </thead>
      <tbody>
        {props.views.map((view) => (
          <ItemRow view={view} />
        ))}
      </tbody>
    </table>
  );
}

/** Renders a synchronous hono/jsx tree to an HTML document string. */
export function renderDocument(element: JSX.Element): string {
  if (element instanceof Promise) throw new Error("email templates must render synchronously");
  const html: unknown = element.toString();
  if (typeof html !== "string") throw new Error("email templates must render synchronously");
  return `<!DOCTYPE html>\n${html}`;
}
