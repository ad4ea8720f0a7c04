import type { AzureSchedule } from '../../shared/azure.ts';
import type { Settings } from '../../shared/config.ts';
import { AppError, type ErrorCode, ErrorCodes, errorWords } from '../../shared/errors.ts';
import type { InvitationRequest } from '../../shared/model.ts';
import { type FoundUser, type LicenseRequest, type OperationStep, type StepKind, stepOf } from '../../shared/operation.ts';
import type { LicensePath } from '../../shared/powerbi.ts';
import { BATCH_LIMIT } from '../graph/batch.ts';
import type { GraphSession } from '../graph/client.ts';
import { assertMayInvite, assertResetIsTheirs } from '../graph/invitations.ts';
import { type Guest, giveRole, joinGroups, licenseGuest, workspaceAccess } from './grant-steps.ts';
import { freeSlots, recentSends, waitForSlots } from './limiter.ts';
import { usersByEmail } from './lookup.ts';
import { sendInvitations } from './send.ts';

/**
 * The one engine behind single invitations and bulk jobs (issue 9). Both are lists of units (an operation, a row)
 * made of the same steps (shared/operation.ts); a pool keeps its units in storage and says what each one is. The
 * engine takes every due step of a pool in one turn, each kind together (20 invitations or group joins in one JSON
 * batch, roles side by side), and applies one set of rules to all: a request sent and not answered is looked for
 * before it is sent again, throttling and passing failures wait and are tried a bounded number of times, and an
 * expired sign-in stops the pool until the person signs in again.
 */

/**
 * A batch cut off (worker stopped, connection lost) may still be running at Graph. Wait this long after sending it
 * before asking whether its users exist, so the answer is final and no one is invited twice.
 */
export const SETTLE_MS = 10_000;
export const MAX_ATTEMPTS = 6;
const MAX_BACKOFF_MS = 60_000;

/** What a step needs to know of its unit, as its pool reads it. */
export interface Work {
  invitation: InvitationRequest;
  /** Look the address up before the first send: a member is not invited, and a guest is named on the card. */
  guard: boolean;
  guestId?: string;
  /** The invitation created the guest just now (no licences, no groups of their own yet). */
  guestIsNew?: boolean;
  groupId?: string;
  azure?: { scope: string; roleId: string; schedule: AzureSchedule; bulk: boolean };
  powerBi?: { workspaceId: string; viewer: boolean };
  license?: LicenseRequest;
}

/** What a step that went through gives its unit. */
export type StepResult =
  | { kind: 'invite'; guestId: string; redeemUrl: string; status: string; displayName?: string; found?: FoundUser }
  | { kind: 'group'; added: boolean }
  | { kind: 'azureRole'; assignment: Awaited<ReturnType<typeof giveRole>> }
  | { kind: 'powerBi' | 'license'; licensePath: LicensePath };

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
}

export interface EngineSession {
  settings: Settings;
  graph: GraphSession;
}

/** Failures that pass by themselves: tried again later. */
const PASSING: string[] = [ErrorCodes.throttled, ErrorCodes.serviceUnavailable, ErrorCodes.network, ErrorCodes.principalNotFound];
/** Failures after which Graph may have done what it was asked: looked for before anything is sent again. */
const UNCERTAIN: string[] = [ErrorCodes.network, ErrorCodes.serviceUnavailable, ErrorCodes.unknown];
const SIGN_IN: string[] = [ErrorCodes.interactionRequired, ErrorCodes.notSignedIn, ErrorCodes.authExpired];

const codeOf = (e: unknown): ErrorCode => (e instanceof AppError ? e.code : ErrorCodes.unknown);

class SignInNeeded extends Error {}

function fail<U>(pool: Pool<U>, unit: U, step: OperationStep, error: string, code: ErrorCode, detail = error): void {
  Object.assign(step, { state: 'failed', error, code, detail, sentAt: undefined, notBefore: undefined });
  pool.ended(unit, step);
}

function succeed<U>(pool: Pool<U>, unit: U, step: OperationStep, result: StepResult): void {
  Object.assign(step, { state: 'done', error: undefined, code: undefined, detail: undefined, notBefore: undefined });
  pool.ended(unit, step, result);
}

/** One more try for the step; false (and the step failed) when it has had its tries. */
function tryAgain<U>(pool: Pool<U>, unit: U, step: OperationStep, why: string, code: ErrorCode, afterMs?: number): boolean {
  step.attempts = (step.attempts ?? 0) + 1;
  if (step.attempts >= MAX_ATTEMPTS) {
    fail(pool, unit, step, `${why} (after ${step.attempts} tries)`, code, why);
    return false;
  }
  step.notBefore = Date.now() + (afterMs ?? Math.min(MAX_BACKOFF_MS, 2000 * 2 ** step.attempts));
  pool.changed(unit);
  return true;
}

/** A step that threw: waited out when the failure passes, the pool stopped for a sign-in, failed otherwise. */
function missed<U>(pool: Pool<U>, unit: U, step: OperationStep, e: unknown): void {
  const code = codeOf(e);
  if (SIGN_IN.includes(code)) throw new SignInNeeded();
  if (PASSING.includes(code)) tryAgain(pool, unit, step, errorWords(e), code);
  else fail(pool, unit, step, errorWords(e), code, e instanceof AppError ? (e.detail ?? errorWords(e)) : errorWords(e));
}

const inviteOf = <U>(pool: Pool<U>, u: U) => stepOf(pool.steps(u), 'invite') as OperationStep;

/**
 * Looks up the addresses of invitations sent and not answered (were they made?) and of single invitations about to
 * be sent for the first time (is the address a member's?), in one request per 15 addresses.
 */
async function look<U>(pool: Pool<U>, units: U[], s: EngineSession): Promise<void> {
  const found = await usersByEmail(
    s.graph,
    units.map((u) => pool.work(u).invitation.email.trim()),
  );
  for (const u of units) {
    const step = inviteOf(pool, u);
    const { invitation } = pool.work(u);
    const user = found.get(invitation.email.trim().toLowerCase());
    if (step.sentAt !== undefined) {
      if (user?.invited) {
        // Made before the worker stopped: the guest, without the redeem link Graph gave only once.
        succeed(pool, u, step, { kind: 'invite', guestId: user.id, redeemUrl: '', status: 'PendingAcceptance', found: user });
      } else if (!step.looked) {
        // A new user can take a moment to show in Graph's look-ups: look once more, later, before sending again.
        Object.assign(step, { looked: true, sentAt: Date.now() });
        pool.changed(u);
      } else {
        Object.assign(step, { looked: undefined, sentAt: undefined });
        if (tryAgain(pool, u, step, 'Graph did not take this invitation', ErrorCodes.unknown, 0)) step.notBefore = undefined;
      }
      continue;
    }
    if (user && !user.invited && !invitation.resetRedemptionOf) {
      fail(
        pool,
        u,
        step,
        errorWords(new AppError(ErrorCodes.userExistsAsMember)),
        ErrorCodes.userExistsAsMember,
        user.userPrincipalName,
      );
      continue;
    }
    try {
      // A reset moves the guest, with their groups and roles, to the address sent: only to an address of theirs.
      if (invitation.resetRedemptionOf)
        await assertResetIsTheirs(s.graph.client, invitation.resetRedemptionOf, invitation.email.trim());
      Object.assign(step, { guarded: true, found: user });
      pool.changed(u);
    } catch (e) {
      missed(pool, u, step, e);
    }
  }
}

/** Sends the due invitations in one JSON batch, inside Graph's 150 per 5 s; returns when to come back, or 0. */
async function invite<U>(pool: Pool<U>, units: U[], s: EngineSession): Promise<number> {
  const needLook = units.filter((u) => {
    const step = inviteOf(pool, u);
    return step.sentAt !== undefined || (pool.work(u).guard && !step.guarded);
  });
  if (needLook.length) await look(pool, needLook, s);
  const now = Date.now();
  const ready = units.filter((u) => {
    const step = inviteOf(pool, u);
    return (
      step.state === 'pending' &&
      step.sentAt === undefined &&
      (step.notBefore ?? 0) <= now &&
      (!pool.work(u).guard || step.guarded)
    );
  });
  if (!ready.length) return 0;
  // Graph's Retry-After holds for the tenant, not only for the invitations it was given to.
  if ((pool.pacing.holdUntil ?? 0) > now) return pool.pacing.holdUntil as number;
  // As many as the window has room for now: waiting for room for a whole batch would leave slots unused.
  const send = ready.slice(0, freeSlots(pool.pacing.sentAt, now));
  if (!send.length) return now + waitForSlots(pool.pacing.sentAt, 1, now);
  await assertMayInvite(s.graph);

  pool.pacing.sentAt = [...recentSends(pool.pacing.sentAt, now), ...send.map(() => now)];
  for (const u of send) {
    inviteOf(pool, u).sentAt = now;
    pool.changed(u);
  }
  await pool.save();
  let answers: Awaited<ReturnType<typeof sendInvitations>>;
  try {
    answers = await sendInvitations(
      s.graph,
      send.map((u) => pool.work(u).invitation),
    );
  } catch (e) {
    // Refused before it left (the sign-in, the configuration): nothing was sent. Otherwise it may have been.
    if (!UNCERTAIN.includes(codeOf(e)))
      for (const u of send) {
        inviteOf(pool, u).sentAt = undefined;
        pool.changed(u);
      }
    throw e;
  }
  for (const [n, u] of send.entries()) {
    const step = inviteOf(pool, u);
    const a = answers[n];
    if (a?.kind === 'invited') {
      succeed(pool, u, step, {
        kind: 'invite',
        guestId: a.userId,
        redeemUrl: a.redeemUrl,
        status: a.status,
        displayName: a.displayName,
        found: step.found,
      });
    } else if (a?.kind === 'failed') fail(pool, u, step, a.error, a.code);
    else if (a?.kind === 'again') {
      step.sentAt = undefined;
      pool.pacing.holdUntil = Math.max(pool.pacing.holdUntil ?? 0, Date.now() + a.afterMs);
      // Throttling is Graph pacing the tenant, not the invitation failing: it does not count as a try.
      if (a.throttled) {
        step.notBefore = Date.now() + a.afterMs;
        pool.changed(u);
      } else tryAgain(pool, u, step, a.why, ErrorCodes.serviceUnavailable, a.afterMs);
    }
    // No clear answer: it stays sent, to be looked for before it is sent again.
  }
  return 0;
}

const guestOf = <U>(pool: Pool<U>, u: U): Guest => {
  const w = pool.work(u);
  return { id: w.guestId ?? '', email: w.invitation.email.trim(), isNew: w.guestIsNew ?? false };
};

/** The grants of the due units: group joins in one batch, the others side by side. */
async function grants<U>(pool: Pool<U>, kind: Exclude<StepKind, 'invite'>, units: U[], s: EngineSession): Promise<void> {
  const stepFor = (u: U) => stepOf(pool.steps(u), kind) as OperationStep;
  if (kind === 'group') {
    const answers = await joinGroups(
      s.graph,
      units.map((u) => ({ userId: pool.work(u).guestId ?? '', groupId: pool.work(u).groupId ?? '' })),
    );
    for (const [n, u] of units.entries()) {
      const a = answers[n];
      if (a && 'added' in a) succeed(pool, u, stepFor(u), { kind: 'group', added: a.added });
      else fail(pool, u, stepFor(u), a?.error ?? 'Graph did not answer.', ErrorCodes.badRequest);
    }
    return;
  }
  let signIn = false;
  await Promise.all(
    units.map(async (u) => {
      const w = pool.work(u);
      const step = stepFor(u);
      try {
        if (kind === 'azureRole' && w.azure) {
          succeed(pool, u, step, { kind, assignment: await giveRole(s.settings, w.azure, guestOf(pool, u)) });
        } else if (kind === 'powerBi' && w.powerBi) {
          succeed(pool, u, step, { kind, licensePath: await workspaceAccess(s.settings, w.powerBi, guestOf(pool, u)) });
        } else if (kind === 'license' && w.license && w.powerBi) {
          succeed(pool, u, step, { kind, licensePath: await licenseGuest(s.settings, w.license, w.powerBi, guestOf(pool, u)) });
        } else fail(pool, u, step, 'Not done: nothing says what to give.', ErrorCodes.badMessage);
      } catch (e) {
        if (e instanceof SignInNeeded || SIGN_IN.includes(codeOf(e))) signIn = true;
        else missed(pool, u, step, e);
      }
    }),
  );
  if (signIn) throw new SignInNeeded();
}

const STEP_LIMITS: Record<StepKind, number> = { invite: BATCH_LIMIT, group: BATCH_LIMIT, azureRole: 10, powerBi: 5, license: 5 };

/**
 * One turn over a pool: every unit's next step that is due, taken together by kind. Returns 0 when steps were
 * taken (turn again), the instant the next one falls due, or Infinity when the pool has nothing left to do.
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
      const why = problem ? `Not done: ${problem}.` : 'Not done: the invitation did not go through.';
      for (const st of steps)
        if (st.state === 'pending') fail(pool, u, st, why, problem ? ErrorCodes.badMessage : ErrorCodes.unknown);
      worked = true;
    } else list.push(u);
  }
  try {
    await Promise.all(
      [...due].map(async ([kind, units]) => {
        if (kind === 'invite') {
          const back = await invite(pool, units, s);
          if (back) soonest = Math.min(soonest, back);
          else worked = true;
        } else {
          await grants(pool, kind, units, s);
          worked = true;
        }
      }),
    );
  } catch (e) {
    if (e instanceof SignInNeeded || SIGN_IN.includes(codeOf(e))) {
      pool.signInNeeded('Your sign-in needs renewing: sign in again and it carries on.');
    } else {
      // The whole kind failed (a look-up, a batch lost on the way): each unit of it waits and tries again. An
      // invitation that may have been made stays sent, to be looked for first.
      for (const [kind, units] of due)
        for (const u of units) {
          const step = stepOf(pool.steps(u), kind) as OperationStep;
          if (step.state === 'pending') missed(pool, u, step, e);
        }
    }
    worked = true;
  }
  await pool.save();
  return worked ? 0 : soonest;
}
