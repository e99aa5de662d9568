import type { JSX } from "hono/jsx/jsx-runtime";
import { type AlertDigest, type DigestLevel, digestOf } from "./alert-digest.js";
import type { DigestItem } from "./digest-item.js";
import {
  EmailPage,
  formatTime,
  ItemTable,
  type ItemView,
  oneLine,
  plural,
  type RenderedEmail,
  renderDocument,
  STYLES,
  textSection,
  viewItem,
} from "./email-parts.js";

export { MAX_SECTION_ITEMS } from "./alert-digest.js";

/** Options of {@link renderAlertEmail}. */
export interface AlertDigestOptions {
  /** The moment the email describes: "overdue by" and "left" are computed at it. */
  now: number;
  /** IANA time zone the times are shown in; default UTC. */
  timeZone?: string;
  /** Where the whole queue can be seen, for sections cut to {@link MAX_SECTION_ITEMS}. */
  statusUrl?: string;
}

/** Section order: the most urgent first; answered-late items only inform. */
const LEVEL_ORDER: readonly DigestLevel[] = ["escalation", "breach", "warning", "answered_late"];

const SECTION_TITLES: Record<DigestLevel, string> = {
  escalation: "Escalations",
  breach: "Breaches",
  warning: "At risk",
  answered_late: "Answered late since the last email",
};

const LEVEL_COLORS: Record<DigestLevel, string> = {
  escalation: "#7f1d1d",
  breach: "#b91c1c",
  warning: "#92400e",
  answered_late: "#374151",
};

interface Section {
  level: DigestLevel;
  title: string;
  views: ItemView[];
  /** How many items the section has, listed or not. */
  total: number;
}

function sectionsOf(digest: AlertDigest, now: number, timeZone: string): Section[] {
  return LEVEL_ORDER.flatMap((level) => {
    const views = digest.listed[level].map((item) => viewItem(item, now, timeZone));
    return views.length === 0
      ? []
      : [{ level, title: SECTION_TITLES[level], views, total: digest.totals[level] }];
  });
}

function countsOf(totals: AlertDigest["totals"]): string[] {
  const counts = [
    [totals.escalation, plural(totals.escalation, "escalation")],
    [totals.breach, plural(totals.breach, "breach", "breaches")],
    [totals.warning, `${totals.warning} at risk`],
  ] as const;
  const parts = counts.filter(([n]) => n > 0).map(([, label]) => label);
  // An email of answered-late items only still needs a subject that says what it is.
  const all = totals.escalation + totals.breach + totals.warning + totals.answered_late;
  if (parts.length === 0 && all > 0) parts.push(`${all} answered late`);
  return parts;
}

function accountsLabel(accounts: readonly string[]): string {
  if (accounts.length <= 3) return accounts.join(", ");
  return `${accounts.length} accounts`;
}

/** `[SLA] 1 escalation, 2 breaches, 1 at risk — AcmeHelp, ZedCare`, free of control characters. */
export function alertSubject(digest: AlertDigest): string {
  const counts = countsOf(digest.totals);
  const accounts = accountsLabel(digest.accounts);
  const what = counts.length === 0 ? "No alerts" : counts.join(", ");
  return oneLine(accounts === "" ? `[SLA] ${what}` : `[SLA] ${what} — ${accounts}`);
}

/** `… and 12 more` for a cut section, with where to see them; null when nothing was cut. */
function moreLine(section: Section, statusUrl: string | undefined): string | null {
  const more = section.total - section.views.length;
  if (more <= 0) return null;
  return `… and ${more} more${statusUrl ? `: ${statusUrl}` : " on the status page"}`;
}

function alertText(
  summary: string,
  sections: readonly Section[],
  options: AlertDigestOptions,
  timeZone: string,
): string {
  const blocks = [`SLA alert: ${summary}\nAs of ${formatTime(options.now, timeZone)}.`];
  for (const section of sections) {
    blocks.push(textSection(`${section.title} (${section.total})`, section.views));
    const more = moreLine(section, options.statusUrl);
    if (more) blocks.push(more);
  }
  if (sections.length === 0) blocks.push("Nothing needs an answer.");
  blocks.push(`Times are shown in ${timeZone}.`);
  return `${blocks.join("\n\n")}\n`;
}

function AlertPage(props: {
  subject: string;
  summary: string;
  sections: readonly Section[];
  asOf: string;
  timeZone: string;
  statusUrl?: string | undefined;
}): JSX.Element {
  return (
    <EmailPage title={props.subject}>
      <h1 style={STYLES.h1}>SLA alert</h1>
      <p style={STYLES.p}>{props.summary}</p>
      <p style={STYLES.muted}>As of {props.asOf}.</p>
      {props.sections.length === 0 ? <p style={STYLES.p}>Nothing needs an answer.</p> : null}
      {props.sections.map((section) => (
        <div>
          <h2 style={`${STYLES.h2};color:${LEVEL_COLORS[section.level]}`}>
            {section.title} ({section.total})
          </h2>
          <ItemTable label={section.title} views={section.views} />
          {moreLine(section, undefined) ? (
            <p style={STYLES.p}>
              … and {section.total - section.views.length} more
              {props.statusUrl ? (
                <>
                  {" "}
                  on <a href={props.statusUrl}>the status page</a>
                </>
              ) : (
                " on the status page"
              )}
              .
            </p>
          ) : null}
        </div>
      ))}
      <p style={`${STYLES.muted};margin-top:24px`}>Times are shown in {props.timeZone}.</p>
    </EmailPage>
  );
}

/**
 * Renders one alert email for one recipient from its digest: a subject with the counts per level and the
 * accounts, a plain-text part with a section per level, and an escaped HTML part. Pure: no I/O, no clock.
 */
export function renderAlertEmail(digest: AlertDigest, options: AlertDigestOptions): RenderedEmail {
  const timeZone = options.timeZone ?? "UTC";
  const subject = alertSubject(digest);
  const sections = sectionsOf(digest, options.now, timeZone);
  const summary = subject.replace(/^\[SLA\] /, "");
  const html = renderDocument(
    <AlertPage
      subject={subject}
      summary={summary}
      sections={sections}
      asOf={formatTime(options.now, timeZone)}
      timeZone={timeZone}
      statusUrl={options.statusUrl}
    />,
  );
  return { subject, text: alertText(summary, sections, options, timeZone), html };
}

/** {@link renderAlertEmail} for a list of items. */
export function renderAlertDigest(items: readonly DigestItem[], options: AlertDigestOptions): RenderedEmail {
  return renderAlertEmail(digestOf(items), options);
}
