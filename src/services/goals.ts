import { and, gte, lt, or } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Config } from "../config.js";
import { evaluateGoals, type GoalEvaluation, goalRanges } from "../domain/goal-evaluation.js";
import { clockColumns } from "../storage/conversation-rows.js";
import type { Db } from "../storage/database.js";

type GoalInputs = Pick<Config, "goalList" | "accountTags" | "policies">;

/**
 * Where every configured goal stands at `now`: one read of the conversations started in the goals'
 * windows (the recent weeks, and the weeks before a start where a baseline is measured), one pass over them.
 */
export async function getGoalReport(db: Db, config: GoalInputs, now: number): Promise<GoalEvaluation[]> {
  if (config.goalList.length === 0) return [];
  const c = conversations;
  const ranges = goalRanges(config.goalList, now).map((r) =>
    and(gte(c.startedAt, r.from), lt(c.startedAt, r.to)),
  );
  const rows = await db
    .select({ ...clockColumns, touches: c.touches })
    .from(c)
    .where(or(...ranges));
  return evaluateGoals(
    config.goalList,
    rows,
    { now, windowMs: config.policies.windowMs },
    config.accountTags,
  );
}

const MINUTE = 60_000;

/**
 * The goal report for a page that refreshes itself (the status page, every 15 s per open tab): computed at
 * most once a minute, and again as soon as new events were stored. Goals follow weekly trends, so a value a
 * few seconds old says the same.
 */
export class GoalReportCache {
  private key = "";
  private report: Promise<GoalEvaluation[]> | null = null;

  get(db: Db, config: GoalInputs, now: number, storedEvents: number): Promise<GoalEvaluation[]> {
    const key = `${Math.floor(now / MINUTE)}:${storedEvents}`;
    if (this.report === null || key !== this.key) {
      this.key = key;
      this.report = getGoalReport(db, config, now);
      // A failed read is not kept: the next request tries again.
      this.report.catch(() => {
        if (this.key === key) this.report = null;
      });
    }
    return this.report;
  }
}
