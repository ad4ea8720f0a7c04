import { oneAtATime } from '../../shared/one-at-a-time.ts';
import type { Operation } from '../../shared/operation.ts';
import { local } from '../../shared/storage.ts';

/** Finished operations kept besides the running ones: enough for the popup to show the latest result. */
const KEEP_FINISHED = 20;

// One change at a time: the runner and a message handler may both change the list in the same moment.
const queue = oneAtATime();

export async function loadOperations(): Promise<Operation[]> {
  return (await local.get('operations')) ?? [];
}

/** Changes the stored list through `change`, which may edit it in place; returns what `change` returns. */
export function changeOperations<T>(change: (ops: Operation[]) => T): Promise<T> {
  return queue(async () => {
    const ops = await loadOperations();
    const result = change(ops);
    const finished = ops.filter((o) => o.status === 'done');
    const drop = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)));
    await local.set(
      'operations',
      ops.filter((o) => !drop.has(o)),
    );
    return result;
  });
}

/** Changes one operation by id; nothing when it is gone (dismissed and trimmed). */
export function changeOperation(id: string, change: (op: Operation) => void): Promise<Operation | undefined> {
  return changeOperations((ops) => {
    const op = ops.find((o) => o.id === id);
    if (op) change(op);
    return op && structuredClone(op);
  });
}

/** The operation the popup shows: the newest one not dismissed. */
export async function shownOperation(): Promise<Operation | null> {
  const ops = await loadOperations();
  return [...ops].reverse().find((o) => !o.dismissed) ?? null;
}
