import { ErrorCodes } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import type { OperationStep, StepKind } from '../../shared/operation.ts';
import { requestNow, sendSelfRequest } from '../arm/activation.ts';
import { setProfile } from '../graph/guests.ts';
import { applyChange } from '../guests/apply.ts';
import { assignGuestLicense, grantWorkspaceAccess } from '../powerbi/access.ts';
import { enterEnvironment } from '../powerplatform/access.ts';
import type { EngineSession, Pool } from './engine.ts';
import { type Guest, giveRole, licenseGuest } from './grant-steps.ts';
import { awaitApproval, fail, succeed } from './step-rules.ts';

/** Whom a unit's grants are for, as the grant steps name them. */
export const guestOf = <U>(pool: Pool<U>, u: U): Guest => {
  const w = pool.work(u);
  return { id: w.guestId ?? '', email: w.invitation?.email.trim() ?? '', isNew: w.guestIsNew ?? false };
};

/**
 * Marks the step as sent, and stores that, before its request leaves: a worker stopped mid-request looks it up
 * first (an activation by its request name, a change by what it would have changed). True when it may have left
 * before.
 */
async function markSent<U>(pool: Pool<U>, step: OperationStep): Promise<boolean> {
  const mayExist = step.sentAt !== undefined;
  step.sentAt = Date.now();
  await pool.save();
  return mayExist;
}

/**
 * One unit's step of a kind taken one unit at a time (everything but invitations and group joins, which go in
 * batches): it ends the step, or throws for the engine's rules to decide (wait, try again, sign in).
 */
export async function unitStep<U>(pool: Pool<U>, u: U, kind: StepKind, step: OperationStep, s: EngineSession): Promise<void> {
  const w = pool.work(u);
  if (kind === 'azureRole' && w.azure) {
    step.firstTriedAt ??= Date.now();
    const made = await giveRole(s.settings, w.azure, guestOf(pool, u));
    const waitedMs = step.attempts || step.waiting ? Date.now() - step.firstTriedAt : 0;
    succeed(pool, u, step, { kind, assignment: { ...made, waitedMs } });
  } else if (kind === 'powerBi' && w.powerBi) {
    const licensePath = await grantWorkspaceAccess(s.settings, { ...w.powerBi, guest: guestOf(pool, u) });
    succeed(pool, u, step, { kind, licensePath });
  } else if (kind === 'license' && w.license && w.powerBi) {
    succeed(pool, u, step, { kind, licensePath: await licenseGuest(s.settings, w.license, w.powerBi, guestOf(pool, u)) });
  } else if ((kind === 'activate' || kind === 'deactivate') && w.activation) {
    const mayExist = await markSent(pool, step);
    succeed(pool, u, step, { kind, answer: await sendSelfRequest(s.settings, w.activation, mayExist) });
  } else if (kind === 'change' && w.change) {
    const mayExist = await markSent(pool, step);
    succeed(pool, u, step, { kind, ...(await applyChange(s.settings, s.graph, w.change, mayExist)) });
  } else if (kind === 'approval' && w.activation) {
    awaitApproval(pool, u, step, await requestNow(s.settings, w.activation));
  } else if (kind === 'profile' && w.powerPlatform?.profile) {
    await setProfile(s.graph.client, guestOf(pool, u).id, w.powerPlatform.profile);
    succeed(pool, u, step, { kind });
  } else if (kind === 'envLicense' && w.powerPlatform?.licence) {
    const usageLocation = w.powerPlatform.profile?.usageLocation;
    const licence = { userId: guestOf(pool, u).id, skuId: w.powerPlatform.licence.skuId };
    await assignGuestLicense(s.settings, usageLocation ? { ...licence, usageLocation } : licence);
    succeed(pool, u, step, { kind });
  } else if (kind === 'environment' && w.powerPlatform?.instanceUrl) {
    const { environmentId, instanceUrl, role, securityGroup } = w.powerPlatform;
    const group = w.joinSecurityGroup && securityGroup ? { securityGroupId: securityGroup.id } : {};
    const access = await enterEnvironment(
      s.settings,
      { environmentId, instanceUrl, ...(role ? { role } : {}), ...group },
      guestOf(pool, u).id,
    );
    succeed(pool, u, step, { kind, access });
  } else fail(pool, u, step, t('stepNotDoneNothing'), ErrorCodes.badMessage);
}
