import { and, count, eq, gte, lte } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

const DAY_MS = 86_400_000;

/** The start of the UTC day `now` falls in. */
export function utcMidnight(now: number): number {
  return now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Conversations whose first response came since UTC midnight (and not after `now`), optionally filtered. */
export async function countAnsweredToday(
  db: Db,
  query: { now: number; account?: string; source?: string },
): Promise<number> {
  const c = conversations;
  const [row] = await db
    .select({ n: count() })
    .from(c)
    .where(
      and(
        gte(c.firstResponseAt, utcMidnight(query.now)),
        lte(c.firstResponseAt, query.now),
        query.account ? eq(c.account, query.account) : undefined,
        query.source ? eq(c.source, query.source) : undefined,
      ),
    );
  return row?.n ?? 0;
}
