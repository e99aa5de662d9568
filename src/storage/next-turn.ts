/**
 * How long a paged read or write of the alert cycle steps aside between pages. A request takes several
 * turns of the event loop (reading the body, the group commit, writing the answer); one turn between pages
 * would move each waiting request one step per page, so a cycle of many pages would hold it up for many
 * pages. A few milliseconds let the waiting requests finish in between.
 */
const PAUSE_MS = 2;

/** Resolves a little later, after the I/O and the requests that are waiting have had their turns. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
