import { t } from '../../../common/i18n.ts';
import { string } from '../../../common/schema.ts';
import { isEnvironmentId } from '../../../logic/environment-id.ts';
import { isGuid } from '../../../logic/guid.ts';
import { isUsageLocation, LIMITS } from '../../../logic/inputs.ts';
import { environmentUrl, isInstanceUrl, type PowerPlatformGrantRequest } from '../../../logic/power-platform.ts';

const named = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  isGuid((v as { id?: unknown }).id) &&
  string(LIMITS.displayName)((v as { name?: unknown }).name ?? (v as { displayName?: unknown }).displayName);

/** What is wrong with a Power Platform grant (it steers requests), in words, or null. */
export function powerPlatformProblem(p: PowerPlatformGrantRequest): string | null {
  if (!isEnvironmentId(p.environmentId)) return t('checkEnvironmentId');
  if (!string(LIMITS.displayName)(p.environmentName) || !string(LIMITS.url)(p.url) || !p.url.startsWith('https://'))
    return t('checkEnvironmentLink');
  if (p.instanceUrl !== undefined && !isInstanceUrl(p.instanceUrl)) return t('checkDataverseHost');
  // The link shown to send the guest is the one the extension builds, nothing else.
  if (p.url !== environmentUrl({ id: p.environmentId, instanceUrl: p.instanceUrl ?? null })) return t('checkEnvironmentOwnLink');
  if (p.securityGroup !== undefined && !named(p.securityGroup)) return t('checkSecurityGroup');
  if (p.role !== undefined && (!named(p.role) || !p.instanceUrl)) return t('checkSecurityRole');
  if (p.licence !== undefined && !(isGuid(p.licence.skuId) && string(LIMITS.displayName)(p.licence.name)))
    return t('checkLicenceSku');
  const f = p.profile;
  if (
    f &&
    (!string(64)(f.givenName) || !string(64)(f.surname) || (f.usageLocation !== undefined && !isUsageLocation(f.usageLocation)))
  )
    return t('checkNamesOrLocation');
  return null;
}
