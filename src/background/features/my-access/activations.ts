import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { Activation, ActivationDraft, DeactivationDraft } from '../../../common/my-access.ts';
import { local } from '../../../common/storage.ts';
import { ownedBy } from '../../core/owner.ts';
import { driveWork } from '../../engine/driver.ts';
import { defineKind } from '../../engine/kinds.ts';
import { reads } from '../../engine/steps.ts';
import { storedList } from '../../engine/stored-list.ts';
import { recordActivation } from '../activity/activity-log.ts';
import { activationProblem } from './activation-problem.ts';
import { type ActivationResult, activateStep, deactivateStep } from './steps/activate.ts';
import { approvalStep } from './steps/approval.ts';

/**
 * Activations of one's own eligible roles, and early deactivations: operations like any other (issue 10), each
 * one request at ARM under a name chosen here, then, when the role needs approval, a wait for the approver.
 */

const list = storedList<Activation>(local.activations);
export const loadActivations = list.load;
export const ownActivations = list.own;
const changeActivations = list.change;

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

/** What a start of an activation (or of an early end) is given. */
export interface ActivationStart {
  kind: Activation['kind'];
  draft: ActivationDraft | DeactivationDraft;
}

/** An activation (or an early end) of the signed-in person's own role; the popup may close right after. */
export const activationKind = defineKind<Activation, ActivationStart, ActivationResult>({
  list,
  plan: ({ kind, draft }) => ({ requestName: crypto.randomUUID(), kind, draft, steps: [{ kind, state: 'pending' }] }),
  // One request per role at a time: a second click while one is under way is the same activation.
  sameAs: (x, a) => x.draft.scope === a.draft.scope && x.draft.roleDefinitionId === a.draft.roleDefinitionId,
  underWay: (same) => (same.kind === 'activate' ? t('activationUnderWay') : t('deactivationUnderWay')),
  problem: activationProblem,
  guestId: (a) => a.principalId,
  inputs: [
    reads(activateStep, (activation: Activation) => ({ activation })),
    reads(deactivateStep, (activation: Activation) => ({ activation })),
    reads(approvalStep, (activation: Activation) => ({ activation })),
  ],
  ended: (a, step, result) => {
    if (result && 'answer' in result) a.result = result.answer;
    // A request waiting for its approver: the same operation waits for the answer.
    if (step.kind === 'activate' && result && 'answer' in result && result.answer.status.startsWith('PendingApproval'))
      a.steps.push({ kind: 'approval', state: 'pending', notBefore: Date.now() + 15_000 });
  },
  fields: ['steps', 'status', 'waitingFor', 'finishedAt', 'result'],
  record: recordActivation,
  what: (a) => t('queuedActivation', a.draft.roleName),
  // The owner's own role: another account may discard it, never activate it as itself.
  transferable: false,
});
