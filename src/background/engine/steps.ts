import { type ErrorCode, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import { type OperationStep, stepOf } from '../../common/operation.ts';
import type { EngineSession, Pool } from './pool.ts';
import type { StepDefinition, StepEntry } from './registry.ts';
import { fail, missed, needsSignIn, SignInNeeded, succeed } from './rules.ts';

/** What a step taken one unit at a time is given: its input, its stored state, and how to end it or wait. */
export interface StepCall<I> {
  input: I;
  step: OperationStep;
  session: EngineSession;
  /**
   * Marks the step as sent, and stores that, before its request leaves: a worker stopped mid-request looks it up
   * first (an activation by its request name, a change by what it would have changed). True when it may have left
   * before.
   */
  markSent(): Promise<boolean>;
  fail(error: string, code: ErrorCode): void;
  /** The step stays pending, changed (looked at again later). */
  changed(): void;
}

/** A step kind taken one unit at a time (everything but invitations and group joins, which go in batches). */
export interface UnitStepSpec<I, R> {
  /** How many units take it in one turn (default 5). */
  limit?: number;
  /**
   * Takes the step: the result it gives its unit, or null when it ended (or left pending) the step itself. It
   * throws for the engine's rules to decide (wait, try again, sign in).
   */
  run(call: StepCall<I>): Promise<R | null>;
  /** Its entries in the Activity list when a single invitation ended it (StepDefinition.entry). */
  entry: StepEntry;
  /** False for a step that acts for no one guest (an access review of a scope's guests); true unless said. */
  needsGuest?: boolean;
}

/**
 * No entry of its own: a step that is no action in the Activity list, or one of an operation kind that writes one
 * entry for the whole operation (an activation, a change from a guest's card, a bulk job).
 */
export const noEntry: StepEntry = () => [];

/** The step's input as its unit's pool reads it. */
export const inputOf = <I, U>(pool: Pool<U>, unit: U, kind: string) => pool.input(unit, kind) as I | undefined;

export function defineStep<K extends string, I, R>(kind: K, spec: UnitStepSpec<I, R>): StepDefinition<K, I, R> {
  return {
    kind,
    limit: spec.limit ?? 5,
    needsGuest: spec.needsGuest ?? true,
    entry: spec.entry,
    take: async (pool, units, s) => {
      let signIn = false;
      await Promise.all(
        units.map(async (u) => {
          const step = stepOf(pool.steps(u), kind) as OperationStep;
          try {
            const input = inputOf<I, typeof u>(pool, u, kind);
            if (input === undefined) return fail(pool, u, step, t('stepNotDoneNothing'), ErrorCodes.badMessage);
            const result = await spec.run({
              input,
              step,
              session: s,
              markSent: async () => {
                const mayExist = step.sentAt !== undefined;
                step.sentAt = Date.now();
                await pool.save();
                return mayExist;
              },
              fail: (error, code) => fail(pool, u, step, error, code),
              changed: () => pool.changed(u),
            });
            if (result !== null) succeed(pool, u, step, result);
          } catch (e) {
            if (needsSignIn(e)) signIn = true;
            else missed(pool, u, step, e);
          }
        }),
      );
      if (signIn) throw new SignInNeeded();
      return 0;
    },
  };
}

/**
 * A step kind whose due units go together (invitations and group joins, 20 to a JSON batch). Its `take` ends each
 * unit's step by the engine's rules (rules.ts).
 */
export function defineBatchStep<K extends string, I, R>(
  kind: K,
  spec: Omit<StepDefinition<K, I, R>, 'kind' | 'types'>,
): StepDefinition<K, I, R> {
  return { kind, ...spec };
}

/** How a pool reads one step kind's input from its unit (undefined: the unit holds nothing for it). */
export interface StepInput<U> {
  kind: string;
  read(unit: U): unknown;
}

/** Pairs a step kind with how a pool reads its input, checked against the input the step declares. */
export const reads = <K extends string, I, U>(
  step: StepDefinition<K, I, unknown>,
  read: (unit: U) => I | undefined,
): StepInput<U> => ({
  kind: step.kind,
  read,
});

/** A step of a kind no feature defines (a record this version did not write): it fails, saying nothing was done. */
export const unknownStep: StepDefinition = {
  kind: 'unknown',
  limit: 5,
  needsGuest: true,
  entry: noEntry,
  take: async (pool, units) => {
    for (const u of units) {
      const step = pool.steps(u).find((st) => st.state === 'pending');
      if (step) fail(pool, u, step, t('stepNotDoneNothing'), ErrorCodes.badMessage);
    }
    return 0;
  },
};
