import { t } from '../../../../common/i18n.ts';
import { asksCountry, type LicenseRequest, stepOf } from '../../../../common/operation.ts';
import { licenseName } from '../../../../logic/license-names.ts';
import { defineStep, type StepCall } from '../../../engine/steps.ts';
import { type Guest, licenseGuest } from '../grants.ts';

/**
 * The licence ticked in the form or chosen on the result card (the usage location set first when the guest has
 * none), then the licence path to the workspace as it is now.
 */
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
  // An entry of its own when it ends. A usage location asked for is a question the result card puts, not a failed
  // licence: Activity lists it as waiting (operation-store.ts), and the answer's step writes the entry.
  entry: (op, base) => {
    if (asksCountry(stepOf(op.steps, 'license'))) return [];
    const sku = op.granted?.licensePath.sku?.name ?? (op.license ? licenseName(op.license) : '');
    const at = op.license?.usageLocation;
    return [{ ...base, action: 'license', detail: at ? t('loggedLicenseAt', sku, at) : sku }];
  },
});
