import type { Operation } from '../../shared/operation.ts';
import { storedList } from './stored-list.ts';

const list = storedList<Operation>('operations');
export const loadOperations = list.load;
export const changeOperations = list.change;
export const resumeWaiting = list.resume;
export const operationSaver = list.saver;

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
