import { AppError, ErrorCodes } from '../../common/errors.ts';
import type { OperationRecord, OperationStep } from '../../common/operation.ts';
import { currentAccount } from '../core/auth.ts';
import { ownedBy, ownerOf } from '../core/owner.ts';
import { usableSettings } from '../core/settings.ts';
import { driveWork } from './driver.ts';
import type { OpenPool } from './pool.ts';
import type { KindDefinition } from './registry.ts';
import type { StepInput } from './steps.ts';
import { operationLifecycle, type StoredList } from './stored-list.ts';

/** What the engine fills in on every new unit: its id, its owner, when it started, and that it runs. */
type Filled = 'id' | 'tenantId' | 'principalId' | 'username' | 'createdAt' | 'status';

/**
 * An operation kind kept as a list of records (single invitations, activations, guest changes), declared once:
 * how a draft becomes a unit (plan), what a second start of the same thing is (sameAs), what is wrong with a unit
 * as stored (problem), what each step reads of it (inputs), and what its ended steps give it (ended).
 */
export interface StoredKindSpec<T extends OperationRecord, D, R> {
  list: StoredList<T>;
  plan(draft: D): Omit<T, Filled>;
  /** A unit of the account under way that a new start would repeat: the start is refused with its words. */
  sameAs?(stored: T, started: T): boolean;
  underWay?(same: T): string;
  /** The account's own units, as the new one starts (a new invitation closes the card of the last). */
  starting?(own: T[]): void;
  problem(unit: T): string | null;
  /** Whom the unit's grants are for. */
  guestId(unit: T): string | undefined;
  inputs: StepInput<T>[];
  ended?(unit: T, step: OperationStep, result: R | undefined): void;
  /** What the engine writes of a unit; the rest is the popup's (a licence asked for meanwhile, a dismissal). */
  fields: readonly (keyof T)[];
  /** Its entry in the activity list, once it is done. */
  record(unit: T): Promise<void>;
  /** What it would do, in one sentence, as another account sees it queued (issue 21). */
  what(unit: T): string;
  /** Another account of the tenant may take it over (an activation is its owner's own role: never). */
  transferable: boolean;
}

export interface StoredKind<T extends OperationRecord, D>
  extends KindDefinition<T>,
    Pick<StoredKindSpec<T, D, never>, 'list' | 'record' | 'what' | 'transferable'> {
  /** Starts a unit of the kind for the account signed in; the popup may close right after. */
  start(draft: D): Promise<T>;
  resume: NonNullable<KindDefinition<T>['resume']>;
}

export function defineKind<T extends OperationRecord, D, R = never>(spec: StoredKindSpec<T, D, R>): StoredKind<T, D> {
  const { list } = spec;
  const reads = new Map(spec.inputs.map((i) => [i.kind, i.read]));
  return {
    list,
    record: spec.record,
    what: spec.what,
    transferable: spec.transferable,
    start: async (draft) => {
      const settings = await usableSettings();
      const account = await currentAccount(settings);
      if (!account) throw new AppError(ErrorCodes.notSignedIn);
      const unit = {
        id: crypto.randomUUID(),
        ...spec.plan(draft),
        ...ownerOf(account),
        createdAt: Date.now(),
        status: 'running',
      } as T;
      await list.change((all) => {
        const own = all.filter((x) => ownedBy(account, x));
        const same = spec.sameAs && own.find((x) => x.status !== 'done' && spec.sameAs?.(x, unit));
        if (same) throw new AppError(ErrorCodes.requestPending, spec.underWay?.(same));
        spec.starting?.(own);
        all.push(unit);
      });
      void driveWork();
      return unit;
    },
    open: async (accountNow): Promise<OpenPool<T> | null> => {
      const units = await list.running(accountNow);
      if (!units) return null;
      const save = list.saver(units, spec.fields);
      return {
        units,
        // One request per unit, each answered on its own; the bulk job keeps the tenant's window.
        pacing: { sentAt: [] },
        steps: (u) => u.steps,
        input: (u, kind) => reads.get(kind)?.(u),
        guestId: spec.guestId,
        problem: spec.problem,
        ended: (u, step, result) => spec.ended?.(u, step, result as R | undefined),
        changed: () => {},
        save,
        ...operationLifecycle(units, spec.record, save),
      };
    },
    resume: list.resume,
  };
}
