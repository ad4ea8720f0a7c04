import { t } from '../../common/i18n.ts';
import type { PowerPlatformGrantRequest } from '../../common/power-platform-schema.ts';
import { isUsageLocation } from '../../logic/inputs.ts';
import type { PowerPlatformPage } from '../../logic/power-platform.ts';
import { environmentUrl } from '../../logic/power-platform.ts';

export interface PowerPlatformChoice {
  givenName: string;
  surname: string;
  /** The country picker's two-letter code, preset from the tenant's country; empty until chosen when that is unknown. */
  usageLocation: string;
  skuId: string;
  roleId: string;
  /** A broad role (System Administrator) was confirmed. */
  confirmed: boolean;
}

export const initialChoice = (page: PowerPlatformPage): PowerPlatformChoice => ({
  givenName: '',
  surname: '',
  usageLocation: page.tenantCountry ?? '',
  skuId: '',
  roleId: page.roles.find((r) => r.name === 'Basic User')?.id ?? '',
  confirmed: false,
});

/** Why the choice cannot be sent as it is, in words, or null. */
export function choiceProblem(page: PowerPlatformPage, c: PowerPlatformChoice): string | null {
  if (c.skuId && !isUsageLocation(c.usageLocation)) return t('ppNeedsUsageLocation');
  const role = page.roles.find((r) => r.id === c.roleId);
  if (role?.confirm && !c.confirmed) return t('ppConfirmRole', role.name);
  return null;
}

/** The grant the background runs with the invitation. */
export function toGrant(page: PowerPlatformPage, c: PowerPlatformChoice): PowerPlatformGrantRequest {
  const env = page.environment;
  // Only a Power Platform admin may add a user to an environment ("add user"): a maker invites and licenses only.
  const enters = !!env.instanceUrl && env.asAdmin;
  const role = page.roles.find((r) => r.id === c.roleId);
  const sku = page.licenses.find((l) => l.skuId === c.skuId);
  const { usageLocation } = c;
  return {
    environmentId: env.id,
    environmentName: env.displayName,
    url: environmentUrl(env),
    ...(env.instanceUrl ? { instanceUrl: env.instanceUrl } : {}),
    ...(page.securityGroup ? { securityGroup: page.securityGroup } : {}),
    ...(role && enters ? { role: { id: role.id, name: role.name } } : {}),
    ...(sku ? { license: { skuId: sku.skuId, name: sku.name } } : {}),
    profile: {
      givenName: c.givenName,
      surname: c.surname,
      ...(isUsageLocation(usageLocation) ? { usageLocation } : {}),
    },
  };
}
