/** Why a conversation belongs to its account, in order of precedence. */
export type AccountBasis = "responder" | "mention" | "ingest" | "none";

export const UNATTRIBUTED = "unattributed";

/** Looks up a known brand account by handle, case-insensitively; returns its canonical spelling. */
export type AccountLookup = (handle: string) => string | undefined;

const HANDLE = /(?<![\w.@])@([A-Za-z0-9_][A-Za-z0-9_.]*)/g;

/** The `@handles` of a text in order, lowercased, without trailing dots. */
export function mentionedHandles(text: string | null): string[] {
  if (!text) return [];
  const handles: string[] = [];
  for (const match of text.matchAll(HANDLE)) {
    const handle = (match[1] ?? "").replace(/\.+$/, "").toLowerCase();
    if (handle && !handles.includes(handle)) handles.push(handle);
  }
  return handles;
}

/**
 * The account of a conversation: the responder's account; else the first mentioned handle that is a
 * known account; else the account given at ingest; else `unattributed`. A known account is named in its
 * canonical spelling whichever way it was written (`ACMEHELP` replying counts for `AcmeHelp`), so one
 * account is one row of the figures.
 */
export function attributeAccount(input: {
  responderAccount: string | null;
  mentions: readonly string[];
  ingestAccount: string | null;
  lookup: AccountLookup;
}): { account: string; basis: AccountBasis } {
  const named = (name: string) => input.lookup(name) ?? name;
  if (input.responderAccount) return { account: named(input.responderAccount), basis: "responder" };
  for (const handle of input.mentions) {
    const known = input.lookup(handle);
    if (known) return { account: known, basis: "mention" };
  }
  if (input.ingestAccount) return { account: named(input.ingestAccount), basis: "ingest" };
  return { account: UNATTRIBUTED, basis: "none" };
}
