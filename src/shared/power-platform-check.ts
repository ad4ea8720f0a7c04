import { isGuid } from '../logic/guid.ts';
import { isEnvironmentId } from './environment-id.ts';
import { t } from './i18n.ts';
import { isUsageLocation, LIMITS } from './inputs.ts';
import { environmentUrl, isInstanceUrl, type PowerPlatformGrantRequest } from './power-platform.ts';

const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const named = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  isGuid((v as { id?: unknown }).id) &&
  text((v as { name?: unknown }).name ?? (v as { displayName?: unknown }).displayName, LIMITS.displayName);

/** What is wrong with a Power Platform grant (it steers requests), in words, or null. */
export function powerPlatformProblem(p: PowerPlatformGrantRequest): string | null {
  if (!isEnvironmentId(p.environmentId)) return t('checkEnvironmentId');
  if (!text(p.environmentName, LIMITS.displayName) || !text(p.url, LIMITS.url) || !p.url.startsWith('https://'))
    return t('checkEnvironmentLink');
  if (p.instanceUrl !== undefined && !isInstanceUrl(p.instanceUrl)) return t('checkDataverseHost');
  // The link shown to send the guest is the one the extension builds, nothing else.
  if (p.url !== environmentUrl({ id: p.environmentId, instanceUrl: p.instanceUrl ?? null })) return t('checkEnvironmentOwnLink');
  if (p.securityGroup !== undefined && !named(p.securityGroup)) return t('checkSecurityGroup');
  if (p.role !== undefined && (!named(p.role) || !p.instanceUrl)) return t('checkSecurityRole');
  if (p.licence !== undefined && !(isGuid(p.licence.skuId) && text(p.licence.name, LIMITS.displayName)))
    return t('checkLicenceSku');
  const f = p.profile;
  if (
    f &&
    (!text(f.givenName, 64) || !text(f.surname, 64) || (f.usageLocation !== undefined && !isUsageLocation(f.usageLocation)))
  )
    return t('checkNamesOrLocation');
  return null;
}
