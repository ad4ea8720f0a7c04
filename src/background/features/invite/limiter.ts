/**
 * Graph allows 150 invitations per 5 seconds per tenant. The job counts what it sent itself and keeps a margin
 * for the time a request takes to reach Graph, so it meets no 429 of its own making.
 */
export const INVITATIONS_PER_WINDOW = 150;
export const WINDOW_MS = 5000;
const MARGIN_MS = 250;

/** Drops sends older than the window; returns what is still counted. */
export function recentSends(sentAt: number[], now: number): number[] {
  return sentAt.filter((t) => t > now - WINDOW_MS - MARGIN_MS);
}

/** Milliseconds to wait before `count` more invitations fit in the window (0: send now). */
export function waitForSlots(sentAt: number[], count: number, now: number, max = INVITATIONS_PER_WINDOW): number {
  const recent = recentSends(sentAt, now).sort((a, b) => a - b);
  const over = recent.length + count - max;
  if (over <= 0) return 0;
  const freeing = recent[over - 1] as number;
  return Math.max(0, freeing + WINDOW_MS + MARGIN_MS - now);
}

/** How many invitations may leave now without passing the window. */
export function freeSlots(sentAt: number[], now: number, max = INVITATIONS_PER_WINDOW): number {
  return Math.max(0, max - recentSends(sentAt, now).length);
}
