import { AppError, ErrorCodes } from '../../shared/errors.ts';
import type { InvitationResult, SignedInAccount } from '../../shared/model.ts';
import { type InviteStart, type LicenseRequest, type Operation, plannedSteps } from '../../shared/operation.ts';
import { ownedBy, ownerOf } from '../../shared/owner.ts';
import { recordOperation } from '../activity.ts';
import { currentAccount } from '../auth.ts';
import { usableSettings } from '../settings.ts';
import { operationProblem } from './checks.ts';
import { type AccountNow, driveWork, type OpenPool } from './driver.ts';
import type { StepResult, Work } from './engine.ts';
import { changeOperation, changeOperations, operationSaver, runningOperations } from './operation-store.ts';

export { resumeWaiting } from './operation-store.ts';

import { operationLifecycle } from './stored-list.ts';

/** Starts an invitation with its grants; the popup may close right after. The steps follow in the order given. */
export async function startOperation(start: InviteStart): Promise<Operation> {
  const settings = await usableSettings();
  const account = await currentAccount(settings);
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  const op: Operation = {
    ...start,
    id: crypto.randomUUID(),
    ...ownerOf(account),
    createdAt: Date.now(),
    status: 'running',
    steps: plannedSteps({
      invite: true,
      groupId: start.powerBi?.group?.id ?? start.powerPlatform?.securityGroup?.id,
      roleId: start.azure?.roleId,
      powerBi: !!start.powerBi,
      powerPlatform: start.powerPlatform,
    }),
  };
  await changeOperations((ops) => {
    // Starting another closes the card of the account's last one, as the popup shows one at a time (another
    // account's card stays for that account).
    for (const o of ops) if (ownedBy(account, o)) o.dismissed = true;
    ops.push(op);
  });
  void driveWork();
  return op;
}

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

/** The card's guest, from Graph's answer to the invitation and the look-up made before it. */
function invitedGuest(op: Operation, r: Extract<StepResult, { kind: 'invite' }>): InvitationResult {
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

function record(op: Operation, result: StepResult): void {
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

const work = (op: Operation): Work => ({
  invitation: op.invitation,
  guard: true,
  guestId: op.invited?.guest.id,
  guestIsNew: op.invited ? !op.invited.existing : undefined,
  groupId: op.powerBi?.group?.id ?? op.powerPlatform?.securityGroup?.id,
  azure: op.azure && { scope: op.azure.scope, roleId: op.azure.roleId, schedule: op.azure.schedule, bulk: false },
  powerBi: op.powerBi && { workspaceId: op.powerBi.workspaceId, viewer: op.powerBi.viewer },
  license: op.license,
  powerPlatform: op.powerPlatform,
});

/** What the engine writes of an operation; the rest (dismissed, a licence asked for meanwhile) is the popup's. */
const ENGINE_FIELDS = [
  'steps',
  'status',
  'waitingFor',
  'finishedAt',
  'invited',
  'assignment',
  'joined',
  'granted',
  'environment',
] as const;

/** The single invitations under way that the account signed in confirmed, as a pool for the engine. */
export async function openOperations(accountNow: AccountNow): Promise<OpenPool<Operation> | null> {
  const units = await runningOperations(accountNow);
  if (!units) return null;
  const save = operationSaver(units, ENGINE_FIELDS);
  return {
    units,
    // One request per operation, each answered on its own; the bulk job keeps the tenant's window.
    pacing: { sentAt: [] },
    steps: (op) => op.steps,
    work,
    problem: operationProblem,
    ended: (op, _step, result) => {
      if (result) record(op, result);
    },
    changed: () => {},
    save,
    ...operationLifecycle(units, recordOperation, save),
  };
}

export async function dismissOperation(account: SignedInAccount, id: string): Promise<void> {
  await changeOperation(id, (o) => {
    if (ownedBy(account, o)) o.dismissed = true;
  });
}
