import type { OperationKind } from './operation.ts';

/**
 * Work another account confirmed and this browser still holds unsent (issue 21): the account signed in sees what it
 * is and who queued it, never its results, and may discard it or, after its own confirmation, run it as itself.
 */
export type QueuedPool = OperationKind;

export interface QueuedItem {
  pool: QueuedPool;
  id: string;
  /** Who confirmed it (their sign-in name). */
  queuedBy: string;
  createdAt: number;
  /** What it would do, in one sentence. */
  what: string;
  /** Whether the account signed in may take it over: same tenant, and not another person's own role activation. */
  mayRun: boolean;
}

export interface QueuedView {
  /** Work of the account signed in not yet done: what "clear this browser's data" at sign-out would end. */
  mine: number;
  others: QueuedItem[];
}
