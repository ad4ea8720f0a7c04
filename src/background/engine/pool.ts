import type { Settings } from '../../common/config.ts';
import type { SignedInAccount } from '../../common/model.ts';
import type { OperationStep } from '../../common/operation.ts';
import type { GraphSession } from '../services/graph/client.ts';

/**
 * What the engine knows of the work it runs (issue 9, issue 24): pools of units (an operation, a bulk row), each a
 * list of steps. A pool is opened by its operation kind (defineKind, kinds.ts) and says what each step of a unit
 * acts on (its input); the steps themselves are defined by the features (defineStep, steps.ts).
 */

/** Invitations sent lately and Graph's last Retry-After: the pool keeps them, across worker restarts. */
export interface Pacing {
  sentAt: number[];
  holdUntil?: number;
}

export interface Pool<U> {
  /** The units that may take a step now (a paused job offers only what it still owes). */
  units: U[];
  pacing: Pacing;
  steps(unit: U): OperationStep[];
  /** What the unit's step of this kind acts on, or undefined when the unit holds nothing for it. */
  input(unit: U, kind: string): unknown;
  /** Whom the grants are for: the guest once invited, or the person activating their own role. */
  guestId(unit: U): string | undefined;
  /** What is wrong with the unit as stored, in words, or null: checked before every step. */
  problem(unit: U): string | null;
  /** A step of the unit ended (done with its result, or failed); the unit is to be written with the next save. */
  ended(unit: U, step: OperationStep, result?: unknown): void;
  /** A step changed without ending (sent, held, tried again). */
  changed(unit: U): void;
  save(): Promise<void>;
  /** The sign-in must be renewed (or moved to the pool's tenant) before anything else is sent. */
  signInNeeded(reason: string): void;
  /** Whether a new invitation may leave for this unit now (a paused or cancelled job sends none). */
  maySend(unit: U): boolean;
}

/** A pool opened for one turn, and what it does once the turn is over (finish what ended, record it). */
export interface OpenPool<U> extends Pool<U> {
  close(): Promise<void>;
}

/** What `turn` returns when the pool stopped for a sign-in: the driver leaves it until one happens (or the alarm). */
export const STOPPED_FOR_SIGN_IN = -1;

export interface EngineSession {
  settings: Settings;
  graph: GraphSession;
}

/** The account signed in, asked for once per turn and only by a pool that has work. */
export type AccountNow = () => Promise<SignedInAccount | null>;
