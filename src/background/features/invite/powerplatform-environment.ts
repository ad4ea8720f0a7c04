import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, errorWords, hasCode } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { PageContext } from '../../../common/page-context.ts';
import { own } from '../../../logic/own.ts';
import {
  broadRole,
  type EnvironmentRole,
  elevatingRolesFilter,
  isInstanceUrl,
  POWER_PLATFORM_SKUS,
  type PowerPlatformEnvironment,
  type PowerPlatformPage,
  roleNote,
} from '../../../logic/power-platform.ts';
import { graphSession } from '../../services/graph/client.ts';
import { subscribedSkus } from '../../services/graph/licenses.ts';
import { tenantCountry } from '../../services/graph/organization.ts';
import { bap, dataverseList } from '../../services/powerplatform/client.ts';
import { path } from '../../services/url-path.ts';

/** Roles asked of Dataverse a page at a time (`Prefer: odata.maxpagesize`). */
const ROLES_PAGE = 500;

interface EnvironmentResource {
  name: string;
  location?: string;
  properties?: {
    displayName?: string;
    environmentSku?: string;
    azureRegion?: string;
    linkedEnvironmentMetadata?: { instanceUrl?: string; securityGroupId?: string };
  };
}

/**
 * The environment, as an admin reads it (`scopes/admin`) or, when the person is no Power Platform admin, as a maker
 * with access does (the same path without `scopes/admin`; learn: Power Platform environment API, Environments - Get).
 */
export async function readEnvironment(settings: Settings, id: string): Promise<PowerPlatformEnvironment> {
  let asAdmin = true;
  const read = (admin: boolean) =>
    bap<EnvironmentResource>(settings, 'GET', admin ? path`/scopes/admin/environments/${id}` : path`/environments/${id}`);
  const env = await read(true).catch((e: unknown) => {
    if (!hasCode(e, ErrorCodes.forbidden)) throw e;
    asAdmin = false;
    return read(false);
  });
  const linked = env.properties?.linkedEnvironmentMetadata;
  const instance = linked?.instanceUrl && !linked.instanceUrl.endsWith('/') ? `${linked.instanceUrl}/` : linked?.instanceUrl;
  return {
    id: env.name,
    displayName: env.properties?.displayName ?? env.name,
    type: env.properties?.environmentSku ?? '',
    region: env.properties?.azureRegion ?? env.location ?? '',
    instanceUrl: isInstanceUrl(instance) ? instance : null,
    securityGroupId: linked?.securityGroupId || null,
    asAdmin,
  };
}

interface RoleRow {
  roleid: string;
  name: string;
  _roletemplateid_value?: string | null;
}

/**
 * The environment's security roles (Dataverse `roles`), the common ones first, each with what it allows and whether
 * it is broad, judged by its privileges. Should that read fail, the broad templates are still known.
 */
export async function environmentRoles(settings: Settings, instanceUrl: string): Promise<EnvironmentRole[]> {
  // Every role, a copy per business unit: read to the end, a page of ROLES_PAGE at a time.
  const read = (query: string) => dataverseList<RoleRow>(settings, instanceUrl, `/roles?${query}`, ROLES_PAGE);
  const [{ items: value }, elevating] = await Promise.all([
    read('$select=roleid,name,_roletemplateid_value'),
    read(`$select=roleid&$filter=${encodeURIComponent(elevatingRolesFilter)}`).then(
      (r) => new Set(r.items.map((x) => x.roleid.toLowerCase())),
      () => null,
    ),
  ]);
  const common = ['Basic User', 'Environment Maker', 'System Customizer', 'System Administrator'];
  const rank = (n: string) => (common.indexOf(n) === -1 ? common.length : common.indexOf(n));
  // One entry per name: Dataverse has a copy of each role per business unit; the guest's unit's copy is given.
  const byName = new Map(value.map((r) => [r.name.toLowerCase(), r] as const));
  return [...byName.values()]
    .map((r) => ({
      id: r.roleid,
      name: r.name,
      note: roleNote(r.name),
      confirm: broadRole({ roleid: r.roleid, templateId: r._roletemplateid_value ?? null }, elevating),
    }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** `enableGuestsToMake` of the tenant settings (learn: List Tenant Settings); null when they cannot be read. */
async function guestsMayMake(settings: Settings): Promise<boolean | null> {
  const s = await bap<{ powerPlatform?: { powerApps?: { enableGuestsToMake?: boolean } } }>(
    settings,
    'POST',
    '/listTenantSettings',
  );
  return s.powerPlatform?.powerApps?.enableGuestsToMake ?? null;
}

/** Everything the popup shows on an environment's page, read side by side; a part that cannot be read is said. */
export async function powerPlatformPage(settings: Settings, context: PageContext): Promise<PowerPlatformPage> {
  if (context.kind !== 'power-platform-environment') throw new AppError(ErrorCodes.badMessage, 'not an environment page');
  const environment = await readEnvironment(settings, context.environmentId);
  const client = graphSession(settings).client;
  const problems: string[] = [];
  const part = <T>(unread: (why: string) => string, r: PromiseSettledResult<T>, none: T): T => {
    if (r.status === 'fulfilled') return r.value;
    problems.push(unread(errorWords(r.reason)));
    return none;
  };
  const [roles, skus, group, country, makers] = await Promise.allSettled([
    environment.instanceUrl ? environmentRoles(settings, environment.instanceUrl) : Promise.resolve([]),
    subscribedSkus(client),
    environment.securityGroupId
      ? (client.api(path`/groups/${environment.securityGroupId}`).select('id,displayName').get() as Promise<{
          id: string;
          displayName: string;
        }>)
      : Promise.resolve(null),
    tenantCountry(client),
    guestsMayMake(settings),
  ]);
  const licenses = part((why) => t('ppUnreadLicenses', why), skus, [])
    .filter((s) => own(POWER_PLATFORM_SKUS, s.skuId))
    .map((s) => ({
      skuId: s.skuId,
      name: own(POWER_PLATFORM_SKUS, s.skuId) ?? s.skuPartNumber,
      partNumber: s.skuPartNumber,
      free: s.enabled - s.consumed,
    }));
  return {
    environment,
    // The group limits who may enter whether or not its name could be read: it is never left out for that.
    securityGroup: environment.securityGroupId
      ? (part((why) => t('ppUnreadGroup', why), group, null) ?? {
          id: environment.securityGroupId,
          displayName: environment.securityGroupId,
        })
      : null,
    roles: part((why) => t('ppUnreadRoles', why), roles, []),
    licenses,
    tenantCountry: part((why) => t('ppUnreadCountry', why), country, null),
    guestsMayMake: makers.status === 'fulfilled' ? makers.value : null,
    problems,
  };
}
