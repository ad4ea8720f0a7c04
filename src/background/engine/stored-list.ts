import type { SignedInAccount } from '../../common/model.ts';
import type { OperationRecord } from '../../common/operation.ts';
import type { StoredItem } from '../../common/storage.ts';
import { oneAtATime } from '../../logic/one-at-a-time.ts';
import { ownedBy } from '../core/owner.ts';
import { driveWork } from './driver.ts';
import type { AccountNow } from './pool.ts';

/** Finished operations kept besides the running ones: enough for the popup to show the latest results. */
const KEEP_FINISHED = 20;

/**
 * A list of operations in `chrome.storage.local` (single invitations, activations, guest changes), changed one change at a time:
 * the engine and a message handler may both change it in the same moment. Finished ones beyond the last few go.
 */
export type StoredList<T extends OperationRecord> = ReturnType<typeof storedList<T>>;

export function storedList<T extends OperationRecord>(stored: StoredItem<T[]>) {
  const queue = oneAtATime();
  const load = () => stored.get();
  /** Changes the stored list through `change`, which may edit it in place; returns what `change` returns. */
  const change = <R>(edit: (list: T[]) => R): Promise<R> =>
    queue(async () => {
      const list = await load();
      const result = edit(list);
      const finished = list.filter((o) => o.status === 'done');
      const drop = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)));
      await stored.set(list.filter((o) => !drop.has(o)));
      return result;
    });
  /**
   * After a sign-in (or a session found usable again), what this account confirmed and what waited for its sign-in
   * carries on; another account's work waits for that account.
   */
  const resume = async (account: SignedInAccount) => {
    const mine = (await load()).filter((o) => ownedBy(account, o) && o.status !== 'done');
    if (!mine.length) return;
    if (mine.some((o) => o.status === 'waiting'))
      await change((list) => {
        for (const o of list)
          if (o.status === 'waiting' && ownedBy(account, o)) Object.assign(o, { status: 'running', waitingFor: undefined });
      });
    void driveWork();
  };
  /**
   * The running units of the account signed in, for one turn of the engine; null when none is its own (asking for
   * the account only when something runs). Another account's units stay as they are: never sent with this token.
   */
  const running = async (accountNow: AccountNow): Promise<T[] | null> => {
    const all = (await load()).filter((o) => o.status === 'running');
    if (!all.length) return null;
    const account = await accountNow();
    const units = all.filter((o) => ownedBy(account, o));
    return units.length ? units : null;
  };
  /**
   * How a pool writes back what the engine did to its units: only `fields`, and not a status changed meanwhile by
   * a message (a resume after sign-in), which is the newer one. The status each had when last read or written is
   * kept to tell.
   */
  const saver = (units: T[], fields: readonly (keyof T)[]) => {
    const seen = new Map(units.map((u) => [u.id, u.status]));
    return () =>
      change((list) => {
        for (const mine of units) {
          const stored = list.find((o) => o.id === mine.id);
          if (!stored) continue;
          const theirs = stored.status !== seen.get(mine.id);
          for (const f of fields) if (!(theirs && (f === 'status' || f === 'waitingFor'))) stored[f] = mine[f];
          seen.set(mine.id, stored.status);
        }
      });
  };
  /** The account's own units, for its views: another account's are listed only as queued by it. */
  const own = async (account: SignedInAccount) => (await load()).filter((o) => ownedBy(account, o));
  return { load, change, resume, running, own, saver };
}

/**
 * What every pool of operations does alike: sends only for a running one, makes them wait for a sign-in, and once
 * a turn is over marks the ones whose steps all ended as done, recorded in the activity list, then saves.
 */
export function operationLifecycle<T extends OperationRecord>(
  units: T[],
  record: (unit: T) => Promise<void>,
  save: () => Promise<void>,
) {
  return {
    maySend: (unit: T) => unit.status === 'running',
    signInNeeded: (reason: string) => {
      for (const u of units) if (u.status === 'running') Object.assign(u, { status: 'waiting', waitingFor: reason });
    },
    close: async () => {
      for (const u of units)
        if (u.status === 'running' && u.steps.every((s) => s.state !== 'pending')) {
          Object.assign(u, { status: 'done', finishedAt: Date.now() });
          // Recorded before it is saved as recorded: a worker stopped in between records it twice, not never.
          await record(u);
        }
      await save();
    },
  };
}
