import { ErrorCodes } from '../../../../common/errors.ts';
import { t } from '../../../../common/i18n.ts';
import { defineStep, noEntry, type StepCall } from '../../../engine/steps.ts';
import { requestNow } from '../activation.ts';
import type { ActivationInput, ActivationResult } from './activate.ts';

/** Statuses ARM gives a request that holds, or will from its start. */
const GRANTED = ['Provisioned', 'Granted', 'ScheduleCreated', 'Accepted', 'AdminApproved'];
/** Looked at again this often while an approver has not answered: soon at first, then every few minutes. */
const approvalLookMs = (looks: number) => Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, looks - 4));

/** A request waiting for approval: granted, refused, or looked at again later (waiting is not a failed try). */
export const approvalStep = defineStep('approval', {
  run: async ({ input, step, session, fail, changed }: StepCall<ActivationInput>): Promise<ActivationResult | null> => {
    const answer = await requestNow(session.settings, input.activation);
    if (answer.status === 'PendingApproval' || answer.status === 'PendingApprovalProvisioning') {
      step.looks = (step.looks ?? 0) + 1;
      step.notBefore = Date.now() + approvalLookMs(step.looks);
      changed();
      return null;
    }
    if (GRANTED.includes(answer.status)) return { kind: 'approval', answer };
    fail(t('approvalRefused', answer.status), ErrorCodes.policyRefused);
    return null;
  },
  // Its activation writes one Activity entry of its own (recordActivation).
  entry: noEntry,
});
