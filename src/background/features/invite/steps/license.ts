import { t } from '../../../../common/i18n.ts';
import type { LicenseRequest } from '../../../../common/operation.ts';
import { licenseName } from '../../../../logic/license-names.ts';
import { defineStep, type StepCall } from '../../../engine/steps.ts';
import { type Guest, licenseGuest } from '../grants.ts';

/** The licence chosen on the result card, then the licence path to the workspace as it is now. */
export interface LicenseInput {
  license: LicenseRequest;
  powerBi: { workspaceId: string };
  guest: Guest;
}

export const licenseStep = defineStep('license', {
  run: async ({ input, session }: StepCall<LicenseInput>) => ({
    kind: 'license' as const,
    licensePath: await licenseGuest(session.settings, input.license, input.powerBi, input.guest),
  }),
  // Asked for later, on the result card: an entry of its own when it ends.
  entry: (op, base) => {
    const sku = op.granted?.licensePath.sku?.name ?? (op.license ? licenseName(op.license) : '');
    const at = op.license?.usageLocation;
    return [{ ...base, action: 'license', detail: at ? t('loggedLicenseAt', sku, at) : sku }];
  },
});
