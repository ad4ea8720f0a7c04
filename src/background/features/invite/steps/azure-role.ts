import { t } from '../../../../common/i18n.ts';
import { describeScope } from '../../../../common/page-context.ts';
import { type AzureSchedule, describeSchedule } from '../../../../logic/azure.ts';
import { scopeWords } from '../../../../logic/scope-words.ts';
import { defineStep, type StepCall } from '../../../engine/steps.ts';
import { subscriptionName } from '../../../services/arm/scope.ts';
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
    // The card names the subscription; a bulk row does not ask (one read per row would spend ARM's budget).
    const named = input.azure.bulk ? {} : { subscriptionName: await subscriptionName(session.settings, made.scope) };
    return { kind: 'azureRole' as const, assignment: { ...made, waitedMs, ...named } };
  },
  entry: (op, base) => {
    const a = op.assignment;
    const kind = op.azure?.schedule.kind === 'active' ? t('scheduleKindActive') : t('scheduleKindEligible');
    const when = a ? describeSchedule(a) : kind;
    const scope = op.azure?.scope ?? '';
    const words = a?.subscriptionName !== undefined ? scopeWords(scope, a.subscriptionName) : describeScope(scope);
    const detail = t('loggedRole', op.azure?.roleName ?? '', words, when);
    return [{ ...base, action: 'role', detail, scope }];
  },
});
