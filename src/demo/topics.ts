/**
 * What a customer's opening message is about, as a helpdesk's tags and priority would say: the demo's
 * ticket-like sources (email, api) carry them, so policies and breakdowns by tag have something to match.
 */

const TOPICS: ReadonlyArray<{ tag: string; words: readonly string[] }> = [
  { tag: "outage", words: ["down", "reboots", "crashes", "won't connect", "stopped working"] },
  { tag: "billing", words: ["bill", "charged", "paying", "refund", "card", "fee"] },
  {
    tag: "delivery",
    words: ["parcel", "package", "delivery", "driver", "shipping", "transit", "technician"],
  },
  { tag: "account", words: ["account", "log in", "logging me out", "password", "email address"] },
];

/** Sources whose messages carry tags and a priority (tickets); social posts carry neither. */
const TICKET_SOURCES = new Set(["email", "api"]);

/** The tags and priority of an opening message on `source`; none for social sources. */
export function topicOf(source: string, text: string): { tags?: string[]; priority?: string } {
  if (!TICKET_SOURCES.has(source)) return {};
  const lower = text.toLowerCase();
  const tags = TOPICS.filter((topic) => topic.words.some((word) => lower.includes(word))).map((t) => t.tag);
  const found = tags.length > 0 ? tags : ["general"];
  return { tags: found, priority: found.includes("outage") ? "urgent" : "normal" };
}
