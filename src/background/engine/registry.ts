import type { ActivityEntry } from '../../common/activity-entry.ts';
import type { SignedInAccount } from '../../common/model.ts';
import type { Operation } from '../../common/operation.ts';
import type { AccountNow, EngineSession, OpenPool, Pool } from './pool.ts';

/**
 * The engine's two registries (issue 24). Features define step kinds (defineStep, steps.ts) and operation kinds
 * (defineKind, kinds.ts); one registry file among the features lists them all (features/registry.ts) and installs
 * them here when the worker starts, so the engine itself imports no feature. Each registry is typed over the kinds
 * stored records name, so a kind without its definition does not compile.
 */

/** What every Activity entry of an invitation's step says: when, who was signed in, whom it concerned, how it ended. */
export type EntryBase = Pick<ActivityEntry, 'at' | 'username' | 'tenantId' | 'principalId' | 'subject' | 'outcome' | 'error'>;

/** What the Activity list says of a step once a single invitation ended it, from that base (activity-log.ts). */
export type StepEntry = (op: Operation, base: EntryBase) => ActivityEntry[];

/** A step kind: what it takes in one turn, how it is taken for the due units of a pool, what Activity says of it. */
export interface StepDefinition<K extends string = string, I = unknown, R = unknown> {
  kind: K;
  /** How many units take it in one turn (a JSON batch holds 20; ARM and Power BI calls go a few at a time). */
  limit: number;
  /** It acts on the unit's guest, so it waits for one: every step but the invitation that makes the guest. */
  needsGuest: boolean;
  /** Takes the step for the due units: returns the instant to come back (nothing could leave yet), or 0. */
  take<U>(pool: Pool<U>, units: U[], s: EngineSession): Promise<number>;
  /**
   * Its entries in the Activity list when a single invitation ended it: none (`noEntry`) for a step that is no
   * action of its own there, or one of an operation kind that writes one entry for the whole operation.
   */
  entry: StepEntry;
  /** Only for the type checker: what the step reads of its unit and what it gives back. */
  readonly types?: { input: I; result: R };
}

/** An operation kind: how its units under way are opened for a turn, and how they carry on after a sign-in. */
export interface KindDefinition<U> {
  /** The kind's units under way of the account signed in, as a pool for one turn; null when there are none. */
  open(accountNow: AccountNow): Promise<OpenPool<U> | null>;
  /** After a sign-in (or a session found usable again): what this account confirmed carries on. */
  resume?(account: SignedInAccount): Promise<void>;
}

/** Every step kind with its definition, under its own name. */
export type StepRegistry<K extends string> = { [P in K]: StepDefinition<P> };
/** Every operation kind with its definition. */
export type KindRegistry<K extends string> = { [P in K]: KindDefinition<unknown> };

interface Installed {
  steps: Record<string, StepDefinition>;
  kinds: KindDefinition<unknown>[];
}

/**
 * Filled at the top level of the worker's start (features/registry.ts), before any listener runs: the same on every
 * start, so it holds nothing that a stopped worker would lose.
 */
let installed: Installed | null = null;

export function install<S extends string, K extends string>(steps: StepRegistry<S>, kinds: KindRegistry<K>): void {
  installed = {
    steps: steps as Record<string, StepDefinition>,
    kinds: Object.values(kinds),
  };
}

function registry(): Installed {
  if (!installed) throw new Error('the engine runs only once the features are registered (features/registry.ts)');
  return installed;
}

/** The step kind's definition; none for a kind no feature defines (a record this version did not write). */
export const stepDefinition = (kind: string): StepDefinition | undefined => registry().steps[kind];

/** The operation kinds, in the order their pools take their turns. */
export const operationKinds = (): KindDefinition<unknown>[] => registry().kinds;

/** What a step kind gives its unit when it goes through. */
export type ResultOf<S> = S extends { readonly types?: { result: infer R } } ? R : never;
