import { AppError, ErrorCodes, errorWords } from '../../../../common/errors.ts';
import { t } from '../../../../common/i18n.ts';
import type { InvitationRequest } from '../../../../common/model.ts';
import { type FoundUser, type OperationStep, stepOf } from '../../../../common/operation.ts';
import type { EngineSession, Pool } from '../../../engine/pool.ts';
import { codeOf, fail, missed, succeed, tryAgain, UNCERTAIN } from '../../../engine/rules.ts';
import { defineBatchStep, inputOf } from '../../../engine/steps.ts';
import { BATCH_LIMIT } from '../../../services/graph/batch.ts';
import { assertMayInvite, assertResetIsTheirs } from '../../../services/graph/invitations.ts';
import { freeSlots, recentSends, waitForSlots } from '../limiter.ts';
import { usersByEmail } from '../lookup.ts';
import { sendInvitations } from '../send.ts';

/** The invite step of the engine: for a single invitation and a bulk row alike, in one JSON batch. */

export interface InviteInput {
  invitation: InvitationRequest;
  /** Look the address up before the first send: a member is not invited, and a guest is named on the card. */
  guard: boolean;
}

/** The guest the invitation made or found. */
export interface InviteResult {
  kind: 'invite';
  guestId: string;
  redeemUrl: string;
  status: string;
  displayName?: string;
  found?: FoundUser;
}

const inviteOf = <U>(pool: Pool<U>, u: U) => stepOf(pool.steps(u), 'invite') as OperationStep;
/** Only a unit with an invitation has an invite step. */
const inputFor = <U>(pool: Pool<U>, u: U) => inputOf<InviteInput, U>(pool, u, 'invite') as InviteInput;
const invitationOf = <U>(pool: Pool<U>, u: U) => inputFor(pool, u).invitation;

/**
 * Looks up the addresses of invitations sent and not answered (were they made?) and of single invitations about to
 * be sent for the first time (is the address a member's?), in one request per 15 addresses.
 */
async function look<U>(pool: Pool<U>, units: U[], s: EngineSession): Promise<void> {
  const found = await usersByEmail(
    s.graph,
    units.map((u) => invitationOf(pool, u).email.trim()),
  );
  for (const u of units) {
    const step = inviteOf(pool, u);
    const invitation = invitationOf(pool, u);
    const user = found.get(invitation.email.trim().toLowerCase());
    if (step.sentAt !== undefined) {
      // A resend or a reset finds its guest there either way: doing it again is harmless, claiming it is not.
      if (invitation.resetRedemptionOf || step.found) {
        Object.assign(step, { looked: undefined, sentAt: undefined });
        if (tryAgain(pool, u, step, t('graphNoAnswerInvitation'), ErrorCodes.unknown, 0)) step.notBefore = undefined;
      } else if (user?.invited) {
        // Made before the worker stopped: the guest, without the redeem link Graph gave only once.
        const result: InviteResult = {
          kind: 'invite',
          guestId: user.id,
          redeemUrl: '',
          status: 'PendingAcceptance',
          found: user,
        };
        succeed(pool, u, step, result);
      } else if (!step.looked) {
        // A new user can take a moment to show in Graph's look-ups: look once more, later, before sending again.
        Object.assign(step, { looked: true, sentAt: Date.now() });
        pool.changed(u);
      } else {
        Object.assign(step, { looked: undefined, sentAt: undefined });
        if (tryAgain(pool, u, step, t('graphNotTaken'), ErrorCodes.unknown, 0)) step.notBefore = undefined;
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
    return step.sentAt !== undefined || (inputFor(pool, u).guard && !step.guarded);
  });
  if (needLook.length) await look(pool, needLook, s);
  const now = Date.now();
  const ready = units.filter((u) => {
    const step = inviteOf(pool, u);
    return (
      // Asked again here, after the look-ups: the job may have been paused or cancelled meanwhile.
      pool.maySend(u) &&
      step.state === 'pending' &&
      step.sentAt === undefined &&
      (step.notBefore ?? 0) <= now &&
      (!inputFor(pool, u).guard || step.guarded)
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
      send.map((u) => invitationOf(pool, u)),
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
      const result: InviteResult = {
        kind: 'invite',
        guestId: a.userId,
        redeemUrl: a.redeemUrl,
        status: a.status,
        displayName: a.displayName,
        found: step.found,
      };
      succeed(pool, u, step, result);
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

/** The invitation makes the guest the other steps act on: it waits for no one, and its failure ends them. */
export const inviteStep = defineBatchStep<'invite', InviteInput, InviteResult>('invite', {
  limit: BATCH_LIMIT,
  needsGuest: false,
  take: invite,
  entry: (op, base) => {
    const action = op.invitation.resetRedemptionOf ? 'reset' : op.invited?.existing ? 'resent' : 'invited';
    const detail = t('loggedAs', op.invitation.userType === 'Member' ? t('cardUserTypeMember') : t('cardUserTypeGuest'));
    return [{ ...base, action, detail, redeemUrl: op.invited?.redeemUrl || undefined }];
  },
});
