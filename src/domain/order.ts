const DIGITS = /^\d+$/;

/** Compares message ids: numeric ids numerically, anything else as strings. */
export function compareIds(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    const x = a.replace(/^0+(?=\d)/, "");
    const y = b.replace(/^0+(?=\d)/, "");
    if (x.length !== y.length) return x.length - y.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thread order: by time, ties by id. */
export function compareByTime(a: { at: number; id: string }, b: { at: number; id: string }): number {
  return a.at - b.at || compareIds(a.id, b.id);
}
