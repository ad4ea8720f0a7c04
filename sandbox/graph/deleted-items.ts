import type { ApiResponse } from '../api.ts';
import { recordAudit, userTarget } from '../audit.ts';
import type { SandboxDeletedUser, SandboxTenant } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { badRequest, insufficientPrivileges, notFound } from './errors.ts';
import { syncDynamicGroups } from './groups.ts';
import { projectTyped } from './odata.ts';
import { mayDeleteOrRestore, RESTORABLE_MS } from './user-writes.ts';
import { DEFAULT_USER_PROPERTIES, userResource } from './users.ts';

/**
 * Deleted users (learn: directory-deleteditems-get, directory-deleteditems-restore): a user deleted less than 30 days
 * ago is read and restored by id; after 30 days "the item is permanently deleted", and both answer 404 as for any id
 * the directory does not hold. Restoring gives back the same object with its assigned groups, the groups it owned and
 * the guests it sponsored; its licences, user type and sponsors never left the object.
 */

const GET = 'GET /directory/deletedItems/{directoryObject-id}';
const RESTORE = 'POST /directory/deletedItems/{directoryObject-id}/restore';
/** The optional parameters of a user's restore (learn: directory-deleteditems-restore, "Request body"). */
const RESTORE_PARAMETERS = ['autoReconcileProxyConflict', 'newUserPrincipalName'];

/** The deleted users still kept: those deleted more than 30 days ago are dropped for good here. */
function kept(tenant: SandboxTenant): SandboxDeletedUser[] {
  const now = Date.now();
  tenant.deletedUsers = (tenant.deletedUsers ?? []).filter((d) => now - Date.parse(d.deletedDateTime) < RESTORABLE_MS);
  return tenant.deletedUsers;
}

const shown = (d: SandboxDeletedUser) => ({
  '@odata.type': '#microsoft.graph.user',
  ...userResource(d.user),
  deletedDateTime: d.deletedDateTime,
});

function restore(c: GraphCall, d: SandboxDeletedUser): ApiResponse {
  const { tenant } = c;
  const body = (c.req.body ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(body).find((k) => !RESTORE_PARAMETERS.includes(k));
  if (unknown) return badRequest(`Property '${unknown}' does not exist on type 'microsoft.graph.restore'.`);
  if (!mayDeleteOrRestore(c.caller, d.user)) return insufficientPrivileges();
  const upn = body.newUserPrincipalName;
  if (upn !== undefined && (typeof upn !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(upn))) {
    return badRequest("Invalid value specified for property 'newUserPrincipalName' of resource 'User'.");
  }
  const user = typeof upn === 'string' ? { ...d.user, userPrincipalName: upn } : d.user;
  tenant.deletedUsers = (tenant.deletedUsers ?? []).filter((x) => x !== d);
  tenant.users.push(user);
  for (const g of tenant.groups) {
    if (d.memberOf.includes(g.id) && !g.members.includes(user.id)) g.members.push(user.id);
    if (d.ownerOf.includes(g.id) && !g.owners.includes(user.id)) g.owners.push(user.id);
  }
  for (const u of tenant.users) {
    if (d.sponsorOf.includes(u.id) && !(u.sponsors ?? []).includes(user.id)) u.sponsors = [...(u.sponsors ?? []), user.id];
  }
  syncDynamicGroups(tenant);
  recordAudit(tenant, c.caller, {
    category: 'UserManagement',
    activityDisplayName: 'Restore user',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targetResources: [userTarget(user)],
  });
  c.save();
  return entity('directoryObjects/$entity', { '@odata.type': '#microsoft.graph.user', ...userResource(user) });
}

/** `GET /directory/deletedItems/{id}` and `POST /directory/deletedItems/{id}/restore`. Null: not mine. */
export function deletedItemsRoute(c: GraphCall): ApiResponse | null {
  const m = /^\/directory\/deletedItems\/([^/]+)(\/restore)?$/i.exec(c.path);
  const operation = m?.[2] ? RESTORE : GET;
  if (!m?.[1] || c.method !== operation.split(' ')[0]) return null;
  if (!c.allowed(operation)) return insufficientPrivileges();
  const id = decodeURIComponent(m[1]).toLowerCase();
  const deleted = kept(c.tenant).find((d) => d.user.id === id);
  if (!deleted) return notFound(id);
  if (operation === RESTORE) return restore(c, deleted);
  const select = c.req.query.get('$select');
  return entity(
    'directoryObjects/$entity',
    projectTyped(shown(deleted), select, [...DEFAULT_USER_PROPERTIES, 'deletedDateTime']),
  );
}
