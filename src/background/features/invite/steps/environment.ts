import { t } from '../../../../common/i18n.ts';
import { defineStep, type StepCall } from '../../../engine/steps.ts';
import { type EnvironmentAccess, enterEnvironment } from '../powerplatform-access.ts';

/** The guest's Dataverse user in the environment, its security role, and (a bulk row) its security group. */
export interface EnvironmentInput {
  access: EnvironmentAccess;
  guestId: string;
}

export const environmentStep = defineStep('environment', {
  run: async ({ input, session }: StepCall<EnvironmentInput>) => ({
    kind: 'environment' as const,
    access: await enterEnvironment(session.settings, input.access, input.guestId),
  }),
  entry: (op, base) => {
    const pp = op.powerPlatform;
    const name = pp?.environmentName ?? '';
    const held = op.environment && !op.environment.roleGiven;
    const role = pp?.role?.name;
    const detail = role ? (held ? t('loggedEnvironmentAsHeld', name, role) : t('loggedEnvironmentAs', name, role)) : name;
    return [{ ...base, action: 'environment', detail }];
  },
});
