import { local } from '../../common/storage.ts';
import { isArmScope, isGuid, isRoleDefinitionId } from '../../shared/arm-id.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import type { SignedInAccount } from '../../shared/model.ts';
import type { Activation, ActivationDraft, DeactivationDraft } from '../../shared/my-access.ts';
import type { OperationStep } from '../../shared/operation.ts';
import { ownedBy, ownerOf } from '../../shared/owner.ts';
import { recordActivation } from '../activity.ts';
import { currentAccount } from '../auth.ts';
import { usableSettings } from '../settings.ts';
import { type AccountNow, driveWork, type OpenPool } from './driver.ts';
import type { Work } from './engine.ts';
import { operationLifecycle, storedList } from './stored-list.ts';

/**
 * Activations of one's own eligible roles, and early deactivations: operations like any other (issue 10), each
 * one request at ARM under a name chosen here, then, when the role needs approval, a wait for the approver.
 */

const list = storedList<Activation>(local.activations);
export const activationList = list;
export const loadActivations = list.load;
export const ownActivations = list.own;
const changeActivations = list.change;
/** After a sign-in, activations that waited for one carry on. */
export const resumeActivations = list.resume;

/** Starts an activation (or an early end) of the signed-in person's own role; the popup may close right after. */
export async function startActivation(kind: Activation['kind'], draft: ActivationDraft | DeactivationDraft): Promise<Activation> {
  const settings = await usableSettings();
  const account = await currentAccount(settings);
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  const a: Activation = {
    id: crypto.randomUUID(),
    requestName: crypto.randomUUID(),
    kind,
    draft,
    ...ownerOf(account),
    createdAt: Date.now(),
    status: 'running',
    steps: [{ kind, state: 'pending' }],
  };
  await changeActivations((list) => {
    // One request per role at a time: a second click while one is under way is the same activation.
    const same = list.find(
      (x) =>
        ownedBy(account, x) &&
        x.status !== 'done' &&
        x.draft.scope === draft.scope &&
        x.draft.roleDefinitionId === draft.roleDefinitionId,
    );
    if (same)
      throw new AppError(
        ErrorCodes.requestPending,
        same.kind === 'activate' ? t('activationUnderWay') : t('deactivationUnderWay'),
      );
    list.push(a);
  });
  void driveWork();
  return a;
}

/** After the sign-in was renewed with the claims ARM asked for: the activation is sent once more. */
export async function retryWithClaims(account: SignedInAccount, id: string): Promise<void> {
  await changeActivations((list) => {
    const a = list.find((x) => x.id === id && ownedBy(account, x));
    const step = a?.steps.find((s) => s.code === ErrorCodes.claimsChallenge);
    if (!a || !step || a.claimsMet) throw new AppError(ErrorCodes.badMessage, 'no activation waits for a stronger sign-in');
    Object.assign(step, { state: 'pending', error: undefined, code: undefined, detail: undefined, logged: undefined });
    Object.assign(a, { claimsMet: true, status: 'running', finishedAt: undefined });
  });
  void driveWork();
}

/** The claims the failed activation's ARM answer asked for. */
export async function claimsOf(account: SignedInAccount, id: string): Promise<string> {
  const a = (await loadActivations()).find((x) => x.id === id && ownedBy(account, x));
  const claims = a?.steps.find((s) => s.code === ErrorCodes.claimsChallenge)?.detail;
  if (!a || !claims || a.claimsMet) throw new AppError(ErrorCodes.badMessage, 'no activation waits for a stronger sign-in');
  return claims;
}

/** What is wrong with a stored activation (it steers requests): checked before every step. */
function activationProblem(a: Activation): string | null {
  const d = a.draft;
  if (!isGuid(a.requestName) || !isGuid(a.principalId)) return 'the stored activation has an id the extension would not write';
  if (!isArmScope(d.scope)) return 'the stored activation names a scope the extension would not accept';
  if (!isRoleDefinitionId(d.roleDefinitionId)) return 'the stored activation names a role the extension would not write';
  if (a.kind === 'activate') {
    const x = d as ActivationDraft;
    if (!Number.isInteger(x.minutes) || x.minutes < 5 || x.minutes > 24 * 60) return 'the stored duration is out of range';
    const schedules = `${d.scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/`.toLowerCase();
    const name = x.eligibilityScheduleId.toLowerCase().slice(schedules.length);
    if (!x.eligibilityScheduleId.toLowerCase().startsWith(schedules) || !/^[\w-]{1,64}$/.test(name))
      return 'the stored eligibility is not of this scope';
  }
  return null;
}

const work = (a: Activation): Work => ({ guard: false, guestId: a.principalId, activation: a });

const ENGINE_FIELDS = ['steps', 'status', 'waitingFor', 'finishedAt', 'result'] as const;

/** The activations under way of the account signed in (its own roles), as a pool for the engine. */
export async function openActivations(accountNow: AccountNow): Promise<OpenPool<Activation> | null> {
  const units = await list.running(accountNow);
  if (!units) return null;
  const save = list.saver(units, ENGINE_FIELDS);
  return {
    units,
    pacing: { sentAt: [] },
    steps: (a) => a.steps,
    work,
    problem: activationProblem,
    ended: (a, step: OperationStep, result) => {
      if (result && 'answer' in result) a.result = result.answer;
      // A request waiting for its approver: the same operation waits for the answer.
      if (step.kind === 'activate' && result && 'answer' in result && result.answer.status.startsWith('PendingApproval'))
        a.steps.push({ kind: 'approval', state: 'pending', notBefore: Date.now() + 15_000 });
    },
    changed: () => {},
    save,
    ...operationLifecycle(units, recordActivation, save),
  };
}
