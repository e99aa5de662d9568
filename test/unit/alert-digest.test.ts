import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AlertDigest,
  DigestBuilder,
  type DigestLevel,
  digestOf,
  MAX_SECTION_ITEMS,
} from "../../src/services/alert-digest.js";
import type { DigestItem } from "../../src/services/digest-item.js";
import { byDue, oneLine } from "../../src/services/email-parts.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const LEVELS: readonly DigestLevel[] = ["escalation", "breach", "warning", "answered_late"];

function item(n: number, level: DigestLevel, dueAt: number, account = "AcmeHelp"): DigestItem {
  return {
    level,
    target: "first_response",
    conversationId: `x:${n}`,
    account,
    source: "x",
    customer: `customer_${n}`,
    excerpt: null,
    startedAt: dueAt - 7_200_000,
    dueAt,
    firstResponseAt: null,
    answeredSince: false,
    link: `https://sla.example.com/v1/conversations/x%3A${n}`,
  };
}

/** The digest the long way: every item kept, each level sorted whole and cut. */
function sortedWhole(items: readonly DigestItem[]): AlertDigest {
  const of = (level: DigestLevel) => items.filter((i) => i.level === level);
  const listed = (level: DigestLevel) => [...of(level)].sort(byDue).slice(0, MAX_SECTION_ITEMS);
  return {
    totals: { escalation: 0, breach: 0, warning: 0, answered_late: 0, ...count(items) },
    accounts: [...new Set(items.map((i) => oneLine(i.account) || "unattributed"))].sort(),
    listed: {
      escalation: listed("escalation"),
      breach: listed("breach"),
      warning: listed("warning"),
      answered_late: listed("answered_late"),
    },
  };
}

/** A digest as a short string: cheap to compare, so a failing case shrinks fast. */
function summary(digest: AlertDigest): string {
  const listed = LEVELS.map((level) =>
    digest.listed[level].map((i) => `${i.conversationId}@${i.dueAt} ${i.customer}`),
  );
  return JSON.stringify({ totals: digest.totals, accounts: digest.accounts, listed });
}

function count(items: readonly DigestItem[]): Partial<Record<DigestLevel, number>> {
  const counts: Partial<Record<DigestLevel, number>> = {};
  for (const i of items) counts[i.level] = (counts[i.level] ?? 0) + 1;
  return counts;
}

describe("alert digest", () => {
  it("keeps the first items of each level by due time, however many arrive and in any order", () => {
    const entry = fc.record({
      level: fc.constantFrom(...LEVELS),
      // Few distinct due times and ids, so ties (broken by id, then by arrival) are common.
      due: fc.integer({ min: 0, max: 40 }),
      id: fc.integer({ min: 0, max: 400 }),
      account: fc.constantFrom("AcmeHelp", "ZedCare", "", " Zed\nCare "),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 1200, size: "max" }), (entries) => {
        // The customer field records the arrival order, which decides between items equal by due and id.
        const items = entries.map((e, n) => ({
          ...item(e.id, e.level, T0 + e.due * 60_000, e.account),
          customer: `arrival ${n}`,
        }));
        return summary(digestOf(items)) === summary(sortedWhole(items));
      }),
      // Shrinking arrays this long takes minutes; the seed in the report replays a failure.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it("counts every alert of a flood but lists at most the section's maximum", () => {
    const builder = new DigestBuilder();
    for (let n = 0; n < 5000; n++) builder.add(item(n, n % 2 ? "breach" : "warning", T0 - n * 1000));
    const digest = builder.build();
    expect(digest.totals).toEqual({ escalation: 0, breach: 2500, warning: 2500, answered_late: 0 });
    expect(digest.listed.breach).toHaveLength(MAX_SECTION_ITEMS);
    expect(digest.listed.breach[0]?.conversationId).toBe("x:4999");
    expect(digest.listed.warning.at(-1)?.conversationId).toBe(`x:${4998 - 2 * (MAX_SECTION_ITEMS - 1)}`);
    expect(digest.listed.escalation).toEqual([]);
  });
});
