import type { ApiResponse } from '../api.ts';
import { recordAudit, userTarget } from '../audit.ts';
import type { SandboxUser } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { insufficientPrivileges, notFound } from './errors.ts';
import { assignLicense, licenseDetails, skuPartNumber, subscribedSkus } from './licenses.ts';
import { project } from './odata.ts';
import { page, WHOLE_PAGE } from './paging.ts';
import { deleteUser, updateUser } from './user-writes.ts';
import { findUser, userResource } from './users.ts';

export type DirectoryCall = GraphCall;

const skuNames = (u: SandboxUser) => (u.assignedLicenses ?? []).map((l) => skuPartNumber(l.skuId));

/** `POST /users/{id}/assignLicense`, recorded as Entra's "Change user license" (Core Directory, UserManagement). */
function changeLicense(c: GraphCall, user: SandboxUser): ApiResponse {
  const before = skuNames(user);
  const refused = assignLicense(c.tenant, user, (c.req.body ?? {}) as object);
  if (refused) return refused;
  const after = skuNames(user);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    recordAudit(c.tenant, c.caller, {
      category: 'UserManagement',
      activityDisplayName: 'Change user license',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      targetResources: [
        {
          ...userTarget(user),
          // The sandbox names the SKUs; Entra's own detail for this activity is unverified.
          modifiedProperties: [
            { displayName: 'AssignedLicense', oldValue: JSON.stringify(before), newValue: JSON.stringify(after) },
          ],
        },
      ],
    });
  }
  c.save();
  return entity('users/$entity', project(userResource(user), null, ['id', 'displayName', 'userPrincipalName']));
}

const USER_OPERATIONS = new Set([
  'PATCH /users/{user-id}',
  'DELETE /users/{user-id}',
  'POST /users/{user-id}/assignLicense',
  'GET /users/{user-id}/licenseDetails',
]);

/** Licences, and the writes on a user: usage location, user type, deletion. Null: not mine. */
export function directoryRoute(c: GraphCall): ApiResponse | null {
  const { method, path, tenant } = c;
  if (method === 'GET' && path === '/subscribedSkus') {
    if (!c.allowed('GET /subscribedSkus')) return insufficientPrivileges();
    const select = c.req.query.get('$select');
    // subscribedSkus takes `$select` only (learn: subscribedsku-list); it pages like any list when a test forces it.
    return page(c, 'subscribedSkus', subscribedSkus(tenant), WHOLE_PAGE, {
      show: (r) => (select ? project(r, select, [], 'subscribedSku') : r),
    });
  }
  const m = /^\/users\/([^/]+)(\/assignLicense|\/licenseDetails)?$/.exec(path);
  const operation = `${method} /users/{user-id}${m?.[2] ?? ''}`;
  if (!m?.[1] || !USER_OPERATIONS.has(operation)) return null;
  if (!c.allowed(operation)) return insufficientPrivileges();
  const user = findUser(tenant, m[1]);
  if (!user) return notFound(m[1]);
  const saved = (r: ApiResponse) => {
    if (r.status < 300) c.save();
    return r;
  };
  switch (operation) {
    case 'GET /users/{user-id}/licenseDetails':
      return page(c, `users('${user.id}')/licenseDetails`, licenseDetails(user), WHOLE_PAGE, {
        show: (r) => project(r, c.req.query.get('$select'), Object.keys(r), 'licenseDetails'),
      });
    case 'POST /users/{user-id}/assignLicense':
      return changeLicense(c, user);
    case 'PATCH /users/{user-id}':
      return saved(updateUser(tenant, c.caller, user, (c.req.body ?? {}) as object));
    default:
      return saved(deleteUser(tenant, c.caller, user));
  }
}
