import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import { isGuid } from '../../../logic/guid.ts';
import { graphSession } from '../../services/graph/client.ts';
import { itemAppError } from '../../services/graph/errors.ts';
import { addGroupMembers } from '../../services/graph/groups.ts';
import { odataString } from '../../services/graph/odata.ts';
import { bap, dataverse, dataverseList } from '../../services/powerplatform/client.ts';
import { path } from '../../services/url-path.ts';

/** Dataverse's page asked for the lists read here; a look-up by a unique key needs only its first row. */
const PAGE = 500;

export interface EnvironmentAccess {
  environmentId: string;
  instanceUrl: string;
  role?: { id: string; name: string };
  /** Join this security group first (a bulk row, which has no group step of its own for it). */
  securityGroupId?: string;
}

/**
 * Brings the guest into the environment's Dataverse and gives them the role, safe to repeat after a worker stopped:
 * the documented "add user" call forces the sync (learn: Power Platform admin, "Add users to an environment
 * automatically or manually"; Add-AdminPowerAppsSyncUser), the user is then looked up by their Entra object id
 * (not there yet: Dataverse is still syncing, tried again with backoff), and the role is given only when they do
 * not hold it already (Dataverse Web API, systemuserroles_association).
 */
/**
 * Dataverse keeps a copy of each security role per business unit, and a user may hold only their own unit's: the
 * role chosen by name, in the unit the guest was synced into (the chosen copy when that unit has none by the name).
 */
async function roleInUnit(
  settings: Settings,
  instanceUrl: string,
  role: { id: string; name: string },
  unit: string,
): Promise<string> {
  const filter = `name eq ${odataString(role.name)} and _businessunitid_value eq ${unit}`;
  const { items } = await dataverseList<{ roleid: string }>(
    settings,
    instanceUrl,
    `/roles?$select=roleid&$filter=${encodeURIComponent(filter)}`,
    PAGE,
    1,
  );
  const found = items[0]?.roleid;
  return found && isGuid(found) ? found : role.id;
}

export async function enterEnvironment(
  settings: Settings,
  access: EnvironmentAccess,
  guestId: string,
): Promise<{ systemUserId: string; roleGiven: boolean }> {
  // The id goes into an OData filter and a body: only a GUID, which is all Entra's object ids are.
  if (!isGuid(guestId)) throw new AppError(ErrorCodes.badMessage, 'the guest id is not a GUID');
  if (access.securityGroupId) {
    const [joined] = await addGroupMembers(graphSession(settings).client, [{ userId: guestId, groupId: access.securityGroupId }]);
    if (joined && 'error' in joined) throw itemAppError(joined.status, joined.error);
  }
  await bap(settings, 'POST', path`/scopes/admin/environments/${access.environmentId}/addUser`, { ObjectId: guestId });
  const { items } = await dataverseList<{ systemuserid: string; _businessunitid_value?: string }>(
    settings,
    access.instanceUrl,
    `/systemusers?$select=systemuserid,_businessunitid_value&$filter=${encodeURIComponent(`azureactivedirectoryobjectid eq ${guestId}`)}`,
    PAGE,
    1,
  );
  const systemUserId = items[0]?.systemuserid;
  const unit = items[0]?._businessunitid_value;
  if (!systemUserId) throw new AppError(ErrorCodes.principalNotFound, t('ppNotSynced'));
  if (!isGuid(systemUserId))
    throw new AppError(ErrorCodes.badRequest, 'Dataverse named the user by something other than a GUID.');
  if (!access.role) return { systemUserId, roleGiven: false };
  const roleId = unit && isGuid(unit) ? await roleInUnit(settings, access.instanceUrl, access.role, unit) : access.role.id;
  // Every role the user holds, page after page: a role held but on a later page is not given twice.
  const held = await dataverseList<{ roleid: string }>(
    settings,
    access.instanceUrl,
    `${path`/systemusers(${systemUserId})`}/systemuserroles_association?$select=roleid`,
    PAGE,
  );
  if (held.items.some((r) => r.roleid === roleId)) return { systemUserId, roleGiven: false };
  await dataverse(
    settings,
    access.instanceUrl,
    'POST',
    `${path`/systemusers(${systemUserId})`}/systemuserroles_association/$ref`,
    {
      '@odata.id': `${access.instanceUrl}api/data/v9.2/roles(${roleId})`,
    },
  );
  return { systemUserId, roleGiven: true };
}
