import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { InvitationResult, SignedInAccount } from '../../../common/model.ts';
import { type InviteStart, type LicenseRequest, type Operation, plannedSteps, stepWords } from '../../../common/operation.ts';
import { ownedBy } from '../../core/owner.ts';
import { operationProblem } from '../../core/stored-checks.ts';
import { driveWork } from '../../engine/driver.ts';
import { defineKind } from '../../engine/kinds.ts';
import type { ResultOf } from '../../engine/registry.ts';
import { reads } from '../../engine/steps.ts';
import { recordOperation } from '../activity/activity-log.ts';
import type { Guest } from './grants.ts';
import { changeOperation, operationList } from './operation-store.ts';
import { azureRoleStep } from './steps/azure-role.ts';
import { envLicenseStep } from './steps/env-license.ts';
import { environmentStep } from './steps/environment.ts';
import { type GroupResult, groupStep } from './steps/group.ts';
import { type InviteResult, inviteStep } from './steps/invite.ts';
import { licenseStep } from './steps/license.ts';
import { powerBiStep } from './steps/power-bi.ts';
import { profileStep } from './steps/profile.ts';

/** What the steps of a single invitation give it. */
type OperationResult =
  | InviteResult
  | GroupResult
  | ResultOf<typeof azureRoleStep>
  | ResultOf<typeof powerBiStep>
  | ResultOf<typeof licenseStep>
  | ResultOf<typeof environmentStep>;

/** The card's guest, from Graph's answer to the invitation and the look-up made before it. */
function invitedGuest(op: Operation, r: InviteResult): InvitationResult {
  const email = op.invitation.email.trim();
  return {
    guest: {
      id: r.guestId,
      displayName: r.displayName ?? r.found?.displayName ?? op.invitation.displayName?.trim() ?? email,
      email: r.found?.mail ?? email,
      // Known for a guest who was there already; a new guest's is Graph's to make, and not read back for the card.
      userPrincipalName: r.found?.userPrincipalName ?? '',
      userType: r.found?.userType ?? op.invitation.userType,
      state: r.status === 'Completed' ? 'Accepted' : 'PendingAcceptance',
    },
    status: r.status,
    redeemUrl: r.redeemUrl,
    existing: !!r.found,
  };
}

function record(op: Operation, result: OperationResult): void {
  switch (result.kind) {
    case 'invite':
      op.invited = invitedGuest(op, result);
      return;
    case 'group':
      op.joined = result.added;
      return;
    case 'azureRole':
      op.assignment = { ...result.assignment, roleName: op.azure?.roleName ?? '' };
      return;
    case 'environment':
      op.environment = result.access;
      return;
    case 'powerBi':
    case 'license': {
      const group = op.powerBi?.group;
      op.granted = {
        group: group ? { ...group, added: op.joined ?? false } : undefined,
        viewer: op.powerBi?.viewer ?? false,
        licensePath: result.licensePath,
      };
      return;
    }
    default:
      return;
  }
}

/** Whom the grants are for: the guest once invited. */
const guestOf = (op: Operation): Guest => ({
  id: op.invited?.guest.id ?? '',
  email: op.invitation.email.trim(),
  isNew: op.invited ? !op.invited.existing : false,
});

/** A single invitation with its grants (issue 9); the steps follow in the order given. */
export const invitationKind = defineKind<Operation, InviteStart, OperationResult>({
  list: operationList,
  plan: (start) => ({
    ...start,
    // A licence ticked in the form is the same step as one asked for later on the result card.
    ...(start.powerBi?.license ? { license: start.powerBi.license } : {}),
    steps: plannedSteps({
      invite: true,
      groupId: start.powerBi?.group?.id ?? start.powerPlatform?.securityGroup?.id,
      roleId: start.azure?.roleId,
      powerBi: !!start.powerBi,
      license: !!start.powerBi?.license,
      powerPlatform: start.powerPlatform,
    }),
  }),
  // Starting another closes the card of the account's last one, as the popup shows one at a time (another
  // account's card stays for that account).
  starting: (own) => {
    for (const o of own) o.dismissed = true;
  },
  problem: operationProblem,
  guestId: (op) => op.invited?.guest.id,
  inputs: [
    reads(inviteStep, (op: Operation) => ({ invitation: op.invitation, guard: true })),
    reads(groupStep, (op: Operation) => ({ groupId: op.powerBi?.group?.id ?? op.powerPlatform?.securityGroup?.id ?? '' })),
    reads(azureRoleStep, (op: Operation) =>
      op.azure
        ? {
            azure: { scope: op.azure.scope, roleId: op.azure.roleId, schedule: op.azure.schedule, bulk: false },
            guest: guestOf(op),
          }
        : undefined,
    ),
    reads(powerBiStep, (op: Operation) =>
      op.powerBi
        ? { powerBi: { workspaceId: op.powerBi.workspaceId, viewer: op.powerBi.viewer }, guest: guestOf(op) }
        : undefined,
    ),
    reads(licenseStep, (op: Operation) =>
      op.license && op.powerBi
        ? { license: op.license, powerBi: { workspaceId: op.powerBi.workspaceId }, guest: guestOf(op) }
        : undefined,
    ),
    reads(profileStep, (op: Operation) =>
      op.powerPlatform?.profile ? { profile: op.powerPlatform.profile, guestId: guestOf(op).id } : undefined,
    ),
    reads(envLicenseStep, (op: Operation) => {
      const pp = op.powerPlatform;
      if (!pp?.license) return undefined;
      const usageLocation = pp.profile?.usageLocation;
      return { skuId: pp.license.skuId, guestId: guestOf(op).id, ...(usageLocation ? { usageLocation } : {}) };
    }),
    reads(environmentStep, (op: Operation) => {
      const pp = op.powerPlatform;
      if (!pp?.instanceUrl) return undefined;
      const { environmentId, instanceUrl, role } = pp;
      return { access: { environmentId, instanceUrl, ...(role ? { role } : {}) }, guestId: guestOf(op).id };
    }),
  ],
  ended: (op, _step, result) => {
    if (result) record(op, result);
  },
  fields: ['steps', 'status', 'waitingFor', 'finishedAt', 'invited', 'assignment', 'joined', 'granted', 'environment'],
  record: recordOperation,
  what: (op) =>
    t(
      'queuedChange',
      op.steps
        .filter((s) => s.state === 'pending')
        .map((s) => stepWords(op, s))
        .join('; '),
      op.invitation.email,
    ),
  transferable: true,
});

/** The licence chosen on a result card: one more step of the same operation, which runs again to do it. */
export async function addLicense(account: SignedInAccount, id: string, license: LicenseRequest): Promise<Operation> {
  const changed = await changeOperation(id, (op) => {
    // Another account's operation is not this account's to change (it never sees it).
    if (!ownedBy(account, op)) throw new AppError(ErrorCodes.badMessage, 'no such invitation');
    if (op.status !== 'done' || !op.invited || !op.powerBi) throw new AppError(ErrorCodes.badMessage, 'no guest to license');
    op.license = license;
    op.steps = [...op.steps.filter((s) => s.kind !== 'license'), { kind: 'license', state: 'pending' }];
    Object.assign(op, { status: 'running', finishedAt: undefined, dismissed: false });
  });
  if (!changed) throw new AppError(ErrorCodes.badMessage, 'no such invitation');
  void driveWork();
  return changed;
}

export async function dismissOperation(account: SignedInAccount, id: string): Promise<void> {
  await changeOperation(id, (o) => {
    if (ownedBy(account, o)) o.dismissed = true;
  });
}
