import type { SignedInAccount } from '../../common/model.ts';
import type { OperationKind, StepKind } from '../../common/operation.ts';
import { install, type KindDefinition, type KindRegistry, type StepRegistry } from '../engine/registry.ts';
import { bulkKind } from './bulk/bulk-pool.ts';
import { guestChangeKind } from './guest-card/changes.ts';
import { changeStep } from './guest-card/steps/change.ts';
import { invitationKind } from './invite/operations.ts';
import { azureRoleStep } from './invite/steps/azure-role.ts';
import { envLicenseStep } from './invite/steps/env-license.ts';
import { environmentStep } from './invite/steps/environment.ts';
import { groupStep } from './invite/steps/group.ts';
import { inviteStep } from './invite/steps/invite.ts';
import { licenseStep } from './invite/steps/license.ts';
import { powerBiStep } from './invite/steps/power-bi.ts';
import { profileStep } from './invite/steps/profile.ts';
import { activationKind } from './my-access/activations.ts';
import { activateStep, deactivateStep } from './my-access/steps/activate.ts';
import { approvalStep } from './my-access/steps/approval.ts';
import { accessReviewKind } from './owners/reviews-kind.ts';
import { reviewCreateStep } from './owners/steps/review-create.ts';

/**
 * The one place that lists every step kind and operation kind with its definition (issue 24). The engine imports no
 * feature: it runs what is installed here. A kind named in common/operation.ts without its definition here, or a
 * definition filed under another kind's name, does not compile (registry.test-d.ts shows it).
 */

export const STEPS = {
  invite: inviteStep,
  profile: profileStep,
  group: groupStep,
  azureRole: azureRoleStep,
  powerBi: powerBiStep,
  license: licenseStep,
  envLicense: envLicenseStep,
  environment: environmentStep,
  activate: activateStep,
  deactivate: deactivateStep,
  approval: approvalStep,
  change: changeStep,
  reviewCreate: reviewCreateStep,
} satisfies StepRegistry<StepKind>;

/** In the order their pools take their turns. */
export const KINDS = {
  operation: invitationKind,
  bulk: bulkKind,
  activation: activationKind,
  guestChange: guestChangeKind,
  accessReview: accessReviewKind,
} satisfies KindRegistry<OperationKind>;

// At the top level, on every worker start, before any listener runs (background/index.ts imports this first).
install(STEPS, KINDS);

/** The kinds a message starts with a draft (a bulk job starts from its preview, bulk.ts). */
type Started = {
  [K in OperationKind]: (typeof KINDS)[K] extends { start(draft: never): unknown } ? K : never;
}[OperationKind];
type DraftOf<K extends Started> = Parameters<(typeof KINDS)[K]['start']>[0];
type UnitOf<K extends Started> = Awaited<ReturnType<(typeof KINDS)[K]['start']>>;

/** Starts an operation of a kind for the account signed in; the popup may close right after. */
export function start<K extends Started>(kind: K, draft: DraftOf<K>): Promise<UnitOf<K>> {
  const definition = KINDS[kind] as unknown as { start(draft: DraftOf<K>): Promise<UnitOf<K>> };
  return definition.start(draft);
}

/** After a sign-in (or a session found usable again): every kind's work of this account carries on. */
export async function resumeAll(account: SignedInAccount): Promise<void> {
  const kinds: KindDefinition<unknown>[] = Object.values(KINDS);
  await Promise.all(kinds.map((kind) => kind.resume?.(account)));
}
