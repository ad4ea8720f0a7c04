import type { ApiResponse } from '../api.ts';
import type { SandboxUser } from '../store.ts';
import type { GraphCall } from './call.ts';
import { directoryList, RELATED_QUERY } from './directory-query.ts';
import { directoryRoleResource } from './directory-roles.ts';
import { insufficientPrivileges, notFound } from './errors.ts';
import { DEFAULT_GROUP_PROPERTIES, groupResource, isMemberNow } from './groups.ts';
import { projectTyped } from './odata.ts';
import { findUser } from './users.ts';

/**
 * A user's directory roles and groups, assigned and dynamic alike (learn: user-list-memberof,
 * user-list-transitivememberof). The sandbox's groups hold users only, so the transitive memberships are the direct
 * ones. `$select` applies to every object, whatever its type.
 */
function memberships(c: GraphCall, user: SandboxUser): ApiResponse {
  const select = c.req.query.get('$select');
  const roles = user.directoryRoles.map((t) => directoryRoleResource(c.tenant, t));
  const groups = c.tenant.groups
    .filter((g) => isMemberNow(g, user))
    .map((g) => ({ '@odata.type': '#microsoft.graph.group', ...groupResource(g) }));
  const show = (r: Record<string, unknown>) =>
    projectTyped(r, select, r['@odata.type'] === '#microsoft.graph.group' ? DEFAULT_GROUP_PROPERTIES : Object.keys(r));
  return directoryList(c, { context: 'directoryObjects', ...RELATED_QUERY, show }, [...roles, ...groups]);
}

/** `/me/memberOf`, `/me/transitiveMemberOf`, and the same of `/users/{id}`. Null: not mine. */
export function membershipRoute(c: GraphCall): ApiResponse | null {
  if (c.method !== 'GET') return null;
  const m = /^\/(?:me|users\/([^/]+))\/(memberOf|transitiveMemberOf)$/.exec(c.path);
  if (!m?.[2]) return null;
  const operation = m[1] ? `GET /users/{user-id}/${m[2]}` : `GET /me/${m[2]}`;
  if (!c.allowed(operation)) return insufficientPrivileges();
  const user = m[1] ? findUser(c.tenant, m[1]) : c.caller;
  return user ? memberships(c, user) : notFound(m[1] ?? '');
}
