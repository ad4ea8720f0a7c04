import type { AzureSchedule } from '../../shared/azure.ts';
import type { Settings } from '../../shared/config.ts';
import { ErrorCodes } from '../../shared/errors.ts';
import type { GuestChangeRecord } from '../../shared/guest-card.ts';
import { t } from '../../shared/i18n.ts';
import type { InvitationRequest } from '../../shared/model.ts';
import type { Activation } from '../../shared/my-access.ts';
import { type FoundUser, type LicenseRequest, type OperationStep, type StepKind, stepOf } from '../../shared/operation.ts';
import type { PowerPlatformGrantRequest } from '../../shared/power-platform.ts';
import type { LicensePath } from '../../shared/powerbi.ts';
import type { RequestAnswer } from '../arm/activation.ts';
import { BATCH_LIMIT } from '../graph/batch.ts';
import type { GraphSession } from '../graph/client.ts';
import { itemAppError } from '../graph/errors.ts';
import { addGroupMembers } from '../graph/groups.ts';
import type { giveRole } from './grant-steps.ts';
import { invite } from './invite-step.ts';
import { fail, missed, needsSignIn, SETTLE_MS, SignInNeeded, succeed } from './step-rules.ts';
import { unitStep } from './unit-steps.ts';

/**
 * The one engine behind single invitations and bulk jobs (issue 9). Both are lists of units (an operation, a row)
 * made of the same steps (shared/operation.ts); a pool keeps its units in storage and says what each one is. The
 * engine takes every due step of a pool in one turn, each kind together (20 invitations or group joins in one JSON
 * batch, roles side by side), and applies one set of rules to all: a request sent and not answered is looked for
 * before it is sent again, throttling and passing failures wait and are tried a bounded number of times, and an
 * expired sign-in stops the pool until the person signs in again.
 */

/** What a step needs to know of its unit, as its pool reads it. */
export interface Work {
  /** The invitation an invite step sends (an activation has none). */
  invitation?: InvitationRequest;
  /** Look the address up before the first send: a member is not invited, and a guest is named on the card. */
  guard: boolean;
  /** Whom the grants are for: the guest once invited, or the person activating their own role. */
  guestId?: string;
  /** The invitation created the guest just now (no licences, no groups of their own yet). */
  guestIsNew?: boolean;
  groupId?: string;
  azure?: { scope: string; roleId: string; schedule: AzureSchedule; bulk: boolean };
  powerBi?: { workspaceId: string; viewer: boolean };
  license?: LicenseRequest;
  /** A role of the signed-in person's own, activated or ended early (issue 10). */
  activation?: Activation;
  /** A change made from a guest's card (issue 11). */
  change?: GuestChangeRecord;
  /** From an environment's page (issue 12): profile, licence, Dataverse user and role. */
  powerPlatform?: PowerPlatformGrantRequest;
  /** A bulk row joins the environment's security group in its environment step (it has no group step for it). */
  joinSecurityGroup?: boolean;
}

/** What a step that went through gives its unit. */
export type StepResult =
  | { kind: 'invite'; guestId: string; redeemUrl: string; status: string; displayName?: string; found?: FoundUser }
  | { kind: 'group'; added: boolean }
  | { kind: 'azureRole'; assignment: Awaited<ReturnType<typeof giveRole>> }
  | { kind: 'powerBi' | 'license'; licensePath: LicensePath }
  | { kind: 'activate' | 'deactivate' | 'approval'; answer: RequestAnswer }
  | { kind: 'change'; outcome: string; createdId?: string }
  | { kind: 'profile' | 'envLicense' }
  | { kind: 'environment'; access: { systemUserId: string; roleGiven: boolean } };

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
  work(unit: U): Work;
  /** What is wrong with the unit as stored, in words, or null: checked before every step. */
  problem(unit: U): string | null;
  /** A step of the unit ended (done with its result, or failed); the unit is to be written with the next save. */
  ended(unit: U, step: OperationStep, result?: StepResult): void;
  /** A step changed without ending (sent, held, tried again). */
  changed(unit: U): void;
  save(): Promise<void>;
  /** The sign-in must be renewed (or moved to the pool's tenant) before anything else is sent. */
  signInNeeded(reason: string): void;
  /** Whether a new invitation may leave for this unit now (a paused or cancelled job sends none). */
  maySend(unit: U): boolean;
}

/** What `turn` returns when the pool stopped for a sign-in: the driver leaves it until one happens (or the alarm). */
export const STOPPED_FOR_SIGN_IN = -1;

export interface EngineSession {
  settings: Settings;
  graph: GraphSession;
}

/** The grants of the due units: group joins in one batch, the others side by side. */
async function grants<U>(pool: Pool<U>, kind: Exclude<StepKind, 'invite'>, units: U[], s: EngineSession): Promise<void> {
  const stepFor = (u: U) => stepOf(pool.steps(u), kind) as OperationStep;
  if (kind === 'group') {
    const answers = await addGroupMembers(
      s.graph.client,
      units.map((u) => ({ userId: pool.work(u).guestId ?? '', groupId: pool.work(u).groupId ?? '' })),
    );
    for (const [n, u] of units.entries()) {
      const a = answers[n] ?? { error: t('graphNoAnswer'), status: 0 };
      if ('added' in a) succeed(pool, u, stepFor(u), { kind: 'group', added: a.added });
      // Throttled past the batch's own retries, or unavailable: tried again later, by the same rules as any step.
      else missed(pool, u, stepFor(u), itemAppError(a.status, a.error));
    }
    return;
  }
  let signIn = false;
  await Promise.all(
    units.map(async (u) => {
      const step = stepFor(u);
      try {
        await unitStep(pool, u, kind, step, s);
      } catch (e) {
        if (needsSignIn(e)) signIn = true;
        else missed(pool, u, step, e);
      }
    }),
  );
  if (signIn) throw new SignInNeeded();
}

const STEP_LIMITS: Record<StepKind, number> = {
  invite: BATCH_LIMIT,
  group: BATCH_LIMIT,
  azureRole: 10,
  powerBi: 5,
  license: 5,
  activate: 5,
  deactivate: 5,
  approval: 5,
  change: 5,
  profile: 5,
  envLicense: 5,
  environment: 5,
};

/**
 * One turn over a pool: every unit's next step that is due, taken together by kind. Returns 0 when steps were
 * taken (turn again), the instant the next one falls due, Infinity when the pool has nothing left to do, or
 * STOPPED_FOR_SIGN_IN.
 */
export async function turn<U>(pool: Pool<U>, s: EngineSession): Promise<number> {
  const now = Date.now();
  const due = new Map<StepKind, U[]>();
  let soonest = Number.POSITIVE_INFINITY;
  let worked = false;
  for (const u of pool.units) {
    const steps = pool.steps(u);
    const step = steps.find((st) => st.state === 'pending');
    if (!step) continue;
    const at = Math.max(step.notBefore ?? 0, step.sentAt !== undefined ? step.sentAt + SETTLE_MS : 0);
    if (at > now) {
      soonest = Math.min(soonest, at);
      continue;
    }
    const list = due.get(step.kind) ?? [];
    due.set(step.kind, list);
    if (list.length >= STEP_LIMITS[step.kind]) continue;
    // Checked before every step: the step acts on the address, scope and ids it reads here.
    const problem = pool.problem(u);
    const orphan = step.kind !== 'invite' && !pool.work(u).guestId;
    if (problem || orphan) {
      const why = problem ? t('stepNotDoneBecause', problem) : t('stepNotDoneNoInvite');
      // Last first: each step says why, before a failed invitation would end the grants after it in its own words.
      for (const st of [...steps].reverse())
        if (st.state === 'pending') fail(pool, u, st, why, problem ? ErrorCodes.badMessage : ErrorCodes.unknown);
      worked = true;
    } else list.push(u);
  }
  // Each kind on its own: one that fails (a look-up, a batch lost on the way) does not cut the others short.
  const kinds = [...due].filter(([, units]) => units.length);
  const settled = await Promise.allSettled(
    kinds.map(async ([kind, units]) => {
      if (kind !== 'invite') return grants(pool, kind, units, s);
      const back = await invite(pool, units, s);
      if (back) soonest = Math.min(soonest, back);
      else worked = true;
    }),
  );
  let signIn = false;
  for (const [n, r] of settled.entries()) {
    const [kind, units] = kinds[n] as [StepKind, U[]];
    if (kind !== 'invite' || r.status === 'rejected') worked = true;
    if (r.status === 'fulfilled') continue;
    if (needsSignIn(r.reason)) signIn = true;
    // Each unit of the kind waits and tries again; an invitation that may have been made stays sent, to be
    // looked for first.
    else
      for (const u of units) {
        const step = stepOf(pool.steps(u), kind) as OperationStep;
        if (step.state === 'pending') missed(pool, u, step, r.reason);
      }
  }
  if (signIn) {
    pool.signInNeeded(t('signInRenewCarriesOn'));
    await pool.save();
    return STOPPED_FOR_SIGN_IN;
  }
  await pool.save();
  return worked ? 0 : soonest;
}
