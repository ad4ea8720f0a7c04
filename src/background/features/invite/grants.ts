import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { LicenseRequest } from '../../../common/operation.ts';
import type { LicensePath } from '../../../common/powerbi.ts';
import type { AzureRoles, AzureSchedule } from '../../../logic/azure.ts';
import { azureRoles, ensureAzureRole } from './azure-roles.ts';
import { assignGuestLicense, guestLicensePath } from './powerbi-access.ts';

/**
 * What each grant step does, for a single invitation and a bulk row alike. Every one is safe to repeat after a
 * worker stopped halfway: a member already in the group, or a role already there, counts as given.
 */

export interface Guest {
  id: string;
  email: string;
  /** Created by this invitation just now (it holds nothing in this tenant yet). */
  isNew: boolean;
}

/** The roles offered at a scope, read once per worker life: a bulk role is checked against them before it is given. */
const offered = new Map<string, Promise<AzureRoles>>();

/** Why this role is not given in bulk here (broad, or not a role of this scope), or null. */
async function bulkRoleRefusal(settings: Settings, scope: string, roleId: string): Promise<string | null> {
  let roles = offered.get(scope);
  if (!roles) {
    roles = azureRoles(settings, scope);
    offered.set(scope, roles);
    roles.catch(() => offered.delete(scope));
  }
  const role = (await roles).all.find((r) => r.id === roleId);
  if (!role) return t('bulkRoleNotHere');
  return role.risk ? t('bulkRoleBroad', role.risk) : null;
}

/**
 * The role at its scope on its schedule. Unlike bulk, one guest at a time may get a broad role: the popup asked for
 * that confirmation before it started.
 */
export async function giveRole(
  settings: Settings,
  azure: { scope: string; roleId: string; schedule: AzureSchedule; bulk: boolean },
  guest: Guest,
) {
  if (azure.bulk) {
    const refused = await bulkRoleRefusal(settings, azure.scope, azure.roleId);
    if (refused) throw new AppError(ErrorCodes.bulkRoleRefused, refused);
  }
  return ensureAzureRole(settings, { scope: azure.scope, roleId: azure.roleId, principalId: guest.id, schedule: azure.schedule });
}

/** The licence chosen on the result card, then the licence path as it is now. */
export async function licenseGuest(
  settings: Settings,
  license: LicenseRequest,
  powerBi: { workspaceId: string },
  guest: Guest,
): Promise<LicensePath> {
  await assignGuestLicense(settings, { userId: guest.id, skuId: license.skuId, usageLocation: license.usageLocation });
  return guestLicensePath(settings, powerBi.workspaceId, { id: guest.id, isNew: false }, true);
}
