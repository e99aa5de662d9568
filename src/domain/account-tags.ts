/** Tags of brand accounts (a region, a team): account name, lowercased, to its tags. */
export type AccountTags = ReadonlyMap<string, readonly string[]>;

/** The group of conversations whose account has no tag. */
export const UNTAGGED = "untagged";

/** Builds the lookup from the configured `account: [tags]` record; account names match case-insensitively. */
export function accountTags(record: Readonly<Record<string, readonly string[]>>): AccountTags {
  const tags = new Map<string, string[]>();
  for (const [account, list] of Object.entries(record)) {
    const key = account.toLowerCase();
    const merged = tags.get(key) ?? [];
    for (const tag of list) if (!merged.includes(tag)) merged.push(tag);
    tags.set(key, merged);
  }
  return tags;
}

/** The tags of an account; none when it has none. */
export function tagsOf(tags: AccountTags, account: string): readonly string[] {
  return tags.get(account.toLowerCase()) ?? [];
}
