import type { DigestItem } from "./digest-item.js";
import { byDue, oneLine } from "./email-parts.js";

/**
 * Items listed per section. A cycle can raise thousands of alerts at once (an outage, a flood): an email
 * listing them all helps nobody and takes seconds to render, so the rest is counted and linked.
 */
export const MAX_SECTION_ITEMS = 50;

export type DigestLevel = DigestItem["level"];

/** What one alert email says: how many alerts of each level, their accounts, and the items it lists. */
export interface AlertDigest {
  /** Alerts per level, listed or not. */
  totals: Record<DigestLevel, number>;
  /** The accounts of all the alerts as the email shows them: one line, distinct, sorted. */
  accounts: string[];
  /** Per level, the first {@link MAX_SECTION_ITEMS} items by due time ({@link byDue}). */
  listed: Record<DigestLevel, DigestItem[]>;
}

const byLevel = <T>(make: () => T): Record<DigestLevel, T> => ({
  escalation: make(),
  breach: make(),
  warning: make(),
  answered_late: make(),
});

/** Sorts by due time (stable: ties keep their arrival order) and keeps the first items. */
function keepFirst(items: DigestItem[]): void {
  items.sort(byDue);
  items.length = Math.min(items.length, MAX_SECTION_ITEMS);
}

/**
 * Builds the digest of an email from its alerts one at a time, keeping only what the email shows: the
 * counts, the accounts and the first items of each level. A batch of any size takes the memory of one email,
 * and it can be read in pages. The result is the same as sorting all items and cutting each section.
 */
export class DigestBuilder {
  private readonly totals = byLevel(() => 0);
  private readonly accounts = new Set<string>();
  private readonly kept = byLevel<DigestItem[]>(() => []);

  add(item: DigestItem): void {
    this.totals[item.level]++;
    this.accounts.add(item.account);
    const kept = this.kept[item.level];
    kept.push(item);
    // Sorting and cutting now and then, not on every item, keeps adding cheap.
    if (kept.length >= 4 * MAX_SECTION_ITEMS) keepFirst(kept);
  }

  build(): AlertDigest {
    const listed = byLevel<DigestItem[]>(() => []);
    for (const level of Object.keys(listed) as DigestLevel[]) {
      listed[level] = [...this.kept[level]];
      keepFirst(listed[level]);
    }
    const shown = new Set([...this.accounts].map((account) => oneLine(account) || "unattributed"));
    return { totals: { ...this.totals }, accounts: [...shown].sort(), listed };
  }
}

/** The digest of a list of items. */
export function digestOf(items: Iterable<DigestItem>): AlertDigest {
  const builder = new DigestBuilder();
  for (const item of items) builder.add(item);
  return builder.build();
}
