/**
 * How the alert cycle's paged reads and writes step aside between pages. A request takes several turns of
 * the event loop (reading the body, the group commit, writing the answer), so one turn between pages would
 * move each waiting request one step per page. Instead each pause lasts as long as the page's work did
 * (at least `MIN_PAUSE_MS`, at most `MAX_PAUSE_MS`): the cycle takes at most about half of the loop, and
 * requests that arrive during a large cycle keep being answered at about their usual pace.
 */
const MIN_PAUSE_MS = 2;
const MAX_PAUSE_MS = 50;

/** A pause to await between the pages of one paged operation (see above). */
export function pacer(): () => Promise<void> {
  let resumed = performance.now();
  return async () => {
    const worked = performance.now() - resumed;
    const pause = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, worked));
    await new Promise((resolve) => setTimeout(resolve, pause));
    resumed = performance.now();
  };
}
