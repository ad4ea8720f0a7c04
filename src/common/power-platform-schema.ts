import { isEnvironmentId } from '../logic/environment-id.ts';
import { isGuid } from '../logic/guid.ts';
import { isUsageLocation, LIMITS } from '../logic/inputs.ts';
import { environmentUrl, isInstanceUrl } from '../logic/power-platform.ts';
import { t } from './i18n.ts';
import { type Infer, isRecord, object, optional, refine, string } from './schema.ts';

/**
 * What an invitation from an environment's page also does (issue 12), as the popup sends it and as the single
 * invitation and the bulk job store it. The ids are of any case: the environment's security group and roles come
 * from Power Platform's answers as it spells them.
 */

const name = string(LIMITS.displayName);
const https = refine(string(LIMITS.url), (url) => url.startsWith('https://'));

/** Each field's shape, in the order they are checked, and the words that say a stored one is wrong. */
const fields = {
  environmentId: isEnvironmentId,
  environmentName: name,
  /** Where the guest goes: the environment's Dataverse app URL, or its maker home. */
  url: https,
  instanceUrl: optional(isInstanceUrl),
  securityGroup: optional(object({ id: isGuid, displayName: name })),
  role: optional(object({ id: isGuid, name })),
  license: optional(object({ skuId: isGuid, name })),
  profile: optional(object({ givenName: string(64), surname: string(64), usageLocation: optional(isUsageLocation) })),
};
const grantShape = object(fields);
export type PowerPlatformGrantRequest = Infer<typeof grantShape>;

const fieldWords: Record<keyof typeof fields, () => string> = {
  environmentId: () => t('checkEnvironmentId'),
  environmentName: () => t('checkEnvironmentLink'),
  url: () => t('checkEnvironmentLink'),
  instanceUrl: () => t('checkDataverseHost'),
  securityGroup: () => t('checkSecurityGroup'),
  role: () => t('checkSecurityRole'),
  license: () => t('checkLicenseSku'),
  profile: () => t('checkNamesOrLocation'),
};

/** What is wrong with a Power Platform grant (it steers requests), in words, or null. */
export function powerPlatformProblem(p: unknown): string | null {
  if (!isRecord(p)) return t('checkEnvironmentId');
  for (const [key, fits] of Object.entries(fields))
    if (!fits(Object.hasOwn(p, key) ? p[key] : undefined)) return fieldWords[key as keyof typeof fields]();
  const grant = p as PowerPlatformGrantRequest;
  // The link shown to send the guest is the one the extension builds, nothing else.
  if (grant.url !== environmentUrl({ id: grant.environmentId, instanceUrl: grant.instanceUrl ?? null }))
    return t('checkEnvironmentOwnLink');
  // A security role is given in the environment's Dataverse: none without one.
  if (grant.role && !grant.instanceUrl) return t('checkSecurityRole');
  return null;
}

/** A Power Platform grant steers requests: the message is held to the same check as the stored grant. */
export const powerPlatformGrant = refine(grantShape, (p) => powerPlatformProblem(p) === null);
