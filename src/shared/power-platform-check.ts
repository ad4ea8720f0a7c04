import { isGuid } from './arm-id.ts';
import { isEnvironmentId } from './environment-id.ts';
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
  if (!isEnvironmentId(p.environmentId)) return 'its environment id is not one the extension writes';
  if (!text(p.environmentName, LIMITS.displayName) || !text(p.url, LIMITS.url) || !p.url.startsWith('https://'))
    return 'its environment name or link is not one the extension writes';
  if (p.instanceUrl !== undefined && !isInstanceUrl(p.instanceUrl)) return 'its Dataverse instance is not a Dataverse host';
  // The link shown to send the guest is the one the extension builds, nothing else.
  if (p.url !== environmentUrl({ id: p.environmentId, instanceUrl: p.instanceUrl ?? null }))
    return "its link is not the environment's own";
  if (p.securityGroup !== undefined && !named(p.securityGroup)) return 'its security group is not a group id';
  if (p.role !== undefined && (!named(p.role) || !p.instanceUrl)) return 'its security role is not a role id';
  if (p.licence !== undefined && !(isGuid(p.licence.skuId) && text(p.licence.name, LIMITS.displayName)))
    return 'its licence is not a SKU id';
  const f = p.profile;
  if (
    f &&
    (!text(f.givenName, 64) || !text(f.surname, 64) || (f.usageLocation !== undefined && !isUsageLocation(f.usageLocation)))
  )
    return 'its names or usage location are not ones the extension accepts';
  return null;
}
