/** Time units and rules shared by the demo generator. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A customer writing again after this gap starts a new conversation (design rule). */
export const NEW_CONVERSATION_GAP = 72 * HOUR;

/** Sources report whole seconds. */
export function toSeconds(at: number): number {
  return Math.round(at / 1000) * 1000;
}
