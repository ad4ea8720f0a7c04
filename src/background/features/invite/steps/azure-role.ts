import { t } from '../../../../common/i18n.ts';
import { describeScope } from '../../../../common/page-context.ts';
import { type AzureSchedule, describeSchedule, isoDay } from '../../../../logic/azure.ts';
import { defineStep, type StepCall } from '../../../engine/steps.ts';
import { type Guest, giveRole } from '../grants.ts';

/** The Azure role at its scope on its schedule (a bulk role is checked against the scope's offer first). */
export interface AzureRoleInput {
  azure: { scope: string; roleId: string; schedule: AzureSchedule; bulk: boolean };
  guest: Guest;
}

export const azureRoleStep = defineStep('azureRole', {
  limit: 10,
  run: async ({ input, step, session }: StepCall<AzureRoleInput>) => {
    step.firstTriedAt ??= Date.now();
    const made = await giveRole(session.settings, input.azure, input.guest);
    // How long Azure took to see the new guest, when the role waited for it.
    const waitedMs = step.attempts || step.waiting ? Date.now() - step.firstTriedAt : 0;
    return { kind: 'azureRole' as const, assignment: { ...made, waitedMs } };
  },
  entry: (op, base) => {
    const a = op.assignment;
    const kind = op.azure?.schedule.kind === 'active' ? t('scheduleKindActive') : t('scheduleKindEligible');
    const when = a ? describeSchedule(a, isoDay) : kind;
    const scope = op.azure?.scope ?? '';
    const detail = t('loggedRole', op.azure?.roleName ?? '', describeScope(scope), when);
    return [{ ...base, action: 'role', detail, scope }];
  },
});
