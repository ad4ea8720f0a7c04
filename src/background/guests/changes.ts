import { local } from '../../common/storage.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import type { GuestChange, GuestChangeRecord } from '../../shared/guest-card.ts';
import { t } from '../../shared/i18n.ts';
import type { OperationStep } from '../../shared/operation.ts';
import { ownedBy, ownerOf } from '../../shared/owner.ts';
import { recordGuestChange } from '../activity.ts';
import { currentAccount } from '../auth.ts';
import { type AccountNow, driveWork, type OpenPool } from '../jobs/driver.ts';
import type { Work } from '../jobs/engine.ts';
import { operationLifecycle, storedList } from '../jobs/stored-list.ts';
import { usableSettings } from '../settings.ts';
import { changeProblem } from './change-problem.ts';

/**
 * Changes made from a guest's card (issue 11), each an operation of the one engine with one step: sent once, the
 * step marked sent and saved before it leaves, and looked for before it is sent again.
 */

const list = storedList<GuestChangeRecord>(local.guestChanges);
export const guestChangeList = list;
export const loadGuestChanges = list.load;
export const ownGuestChanges = list.own;
export const resumeGuestChanges = list.resume;

/** Two changes are the same when they would act on the same thing: a second click joins the first. */
const target = (c: GuestChange): string => {
  switch (c.kind) {
    case 'convert':
      return 'userType';
    case 'addSponsor':
      return c.sponsor.id;
    case 'leaveGroup':
      return c.group.id;
    case 'removeWorkspaceRole':
      return c.role.workspaceId;
    case 'removeAzureRole':
      return `${c.role.scope}|${c.role.roleDefinitionId}|${c.role.removal}`.toLowerCase();
    case 'removeLicence':
      return c.licence.skuId;
    case 'deleteUser':
      return '';
    case 'createGroup':
      return c.group.mailNickname;
  }
};

export async function startGuestChange(guest: GuestChangeRecord['guest'], change: GuestChange): Promise<GuestChangeRecord> {
  const settings = await usableSettings();
  const account = await currentAccount(settings);
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  const r: GuestChangeRecord = {
    id: crypto.randomUUID(),
    requestName: crypto.randomUUID(),
    guest,
    change,
    ...ownerOf(account),
    createdAt: Date.now(),
    status: 'running',
    steps: [{ kind: 'change', state: 'pending' }],
  };
  await list.change((all) => {
    const same = all.find(
      (x) =>
        ownedBy(account, x) &&
        x.status !== 'done' &&
        x.guest.id === guest.id &&
        x.change.kind === change.kind &&
        target(x.change) === target(change),
    );
    if (same) throw new AppError(ErrorCodes.requestPending, t('changeUnderWay'));
    all.push(r);
  });
  void driveWork();
  return r;
}

const work = (r: GuestChangeRecord): Work => ({ guard: false, guestId: r.guest.id, change: r });

const ENGINE_FIELDS = ['steps', 'status', 'waitingFor', 'finishedAt', 'outcome', 'createdId'] as const;

/** The changes under way that the account signed in confirmed, as a pool for the engine. */
export async function openGuestChanges(accountNow: AccountNow): Promise<OpenPool<GuestChangeRecord> | null> {
  const units = await list.running(accountNow);
  if (!units) return null;
  const save = list.saver(units, ENGINE_FIELDS);
  return {
    units,
    pacing: { sentAt: [] },
    steps: (r) => r.steps,
    work,
    problem: changeProblem,
    ended: (r, _step: OperationStep, result) => {
      if (result?.kind === 'change') Object.assign(r, { outcome: result.outcome, createdId: result.createdId });
    },
    changed: () => {},
    save,
    ...operationLifecycle(units, recordGuestChange, save),
  };
}
