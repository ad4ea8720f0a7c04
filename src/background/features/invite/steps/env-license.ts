import { defineStep, type StepCall } from '../../../engine/steps.ts';
import { assignGuestLicense } from '../powerbi-access.ts';

/** The licence an environment asks of its users, with the usage location set first when the guest has none. */
export interface EnvLicenseInput {
  skuId: string;
  usageLocation?: string;
  guestId: string;
}

export const envLicenseStep = defineStep('envLicense', {
  run: async ({ input, session }: StepCall<EnvLicenseInput>) => {
    const license = { userId: input.guestId, skuId: input.skuId };
    await assignGuestLicense(
      session.settings,
      input.usageLocation ? { ...license, usageLocation: input.usageLocation } : license,
    );
    return { kind: 'envLicense' as const };
  },
  entry: (op, base) => [{ ...base, action: 'license', detail: op.powerPlatform?.license?.name ?? '' }],
});
