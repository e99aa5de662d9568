/**
 * Resolves on a later turn of the event loop, after the I/O callbacks that are waiting: a long read or
 * write done in pages awaits it between pages, so requests are answered in between.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
