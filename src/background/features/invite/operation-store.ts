import type { WaitingStep } from '../../../common/activity-entry.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import { asksCountry, type Operation, stepOf, stepWords, waitingWords } from '../../../common/operation.ts';
import { local } from '../../../common/storage.ts';
import { storedList } from '../../engine/stored-list.ts';

const list = storedList<Operation>(local.operations);
export const operationList = list;
const changeOperations = list.change;

/** Changes one operation by id; nothing when it is gone (dismissed and trimmed). */
export function changeOperation(id: string, change: (op: Operation) => void): Promise<Operation | undefined> {
  return changeOperations((ops) => {
    const op = ops.find((o) => o.id === id);
    if (op) change(op);
    return op && structuredClone(op);
  });
}

/** The operation the popup shows: the account's newest one not dismissed (another's result is never shown to it). */
export async function shownOperation(account: SignedInAccount): Promise<Operation | null> {
  const ops = await list.own(account);
  return [...ops].reverse().find((o) => !o.dismissed) ?? null;
}

/**
 * The account's invitations whose step waits out a delay of Microsoft's (a new guest not seen yet), or whose licence
 * waits for the country its result card asks for, as Activity lists them.
 */
export async function waitingSteps(account: SignedInAccount): Promise<WaitingStep[]> {
  return (await list.own(account)).flatMap((op) => {
    const question = op.dismissed ? undefined : stepOf(op.steps, 'license');
    if (question && asksCountry(question))
      return [{ subject: op.invitation.email, step: stepWords(op, question), words: t('licWaitsCountry') }];
    const step = op.status === 'done' ? undefined : op.steps.find((s) => s.state === 'pending');
    const words = step && waitingWords(step);
    return step && words ? [{ subject: op.invitation.email, step: stepWords(op, step), words }] : [];
  });
}
