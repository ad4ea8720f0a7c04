import type { ApiResponse } from '../api.ts';
import type { SandboxGroup } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { countOf, directoryList, GROUP_QUERY, RELATED_QUERY } from './directory-query.ts';
import { insufficientPrivileges, notFound } from './errors.ts';
import { addMember, removeMember } from './group-members.ts';
import { createGroup, updateGroup } from './group-writes.ts';
import { currentMembers, DEFAULT_GROUP_PROPERTIES, groupResource, memberGroups, transitiveMembers } from './groups.ts';
import { project, projectTyped } from './odata.ts';
import { DEFAULT_USER_PROPERTIES, userResource } from './users.ts';

const SUPPORTED = new Set([
  'GET /groups/{group-id}',
  'PATCH /groups/{group-id}',
  'GET /groups/{group-id}/members',
  'GET /groups/{group-id}/transitiveMembers',
  'POST /groups/{group-id}/members/$ref',
  'DELETE /groups/{group-id}/members/{directoryObject-id}/$ref',
]);

const select = (c: GraphCall) => c.req.query.get('$select');

const shownGroup = (c: GraphCall) => (g: Record<string, unknown>) => project(g, select(c), DEFAULT_GROUP_PROPERTIES, 'group');

/** `GET /groups` with `$filter` (e.g. `mailNickname eq '…'`, `startswith(displayName,'…')`), `$search`, `$select`... */
function listGroups(c: GraphCall): ApiResponse {
  return directoryList(c, { context: 'groups', ...GROUP_QUERY, show: shownGroup(c) }, c.tenant.groups.map(groupResource));
}

/**
 * A group's members as directoryObjects (learn: group-list-members, group-list-transitivemembers): users, and the
 * groups nested in it, each typed.
 */
function members(c: GraphCall, ids: string[], groups: SandboxGroup[]): ApiResponse {
  const users = c.tenant.users.filter((u) => ids.includes(u.id));
  return directoryList(
    c,
    { context: 'directoryObjects', ...RELATED_QUERY, show: (r) => projectTyped(r, select(c), DEFAULT_USER_PROPERTIES) },
    [
      ...users.map((u) => ({ '@odata.type': '#microsoft.graph.user', ...userResource(u) })),
      ...groups.map((g) => ({ '@odata.type': '#microsoft.graph.group', ...groupResource(g) })),
    ],
  );
}

const done = (c: GraphCall, r: ApiResponse) => {
  if (r.status < 300) c.save();
  return r;
};

/** Groups and their members. Null: not a groups route. */
export function groupRoute(c: GraphCall): ApiResponse | null {
  const { method, path, tenant, caller } = c;
  if (path === '/groups/$count' && method === 'GET') {
    return c.allowed('GET /groups') ? countOf(c, GROUP_QUERY, tenant.groups.map(groupResource)) : insufficientPrivileges();
  }
  if (path === '/groups' && (method === 'GET' || method === 'POST')) {
    if (!c.allowed(`${method} /groups`)) return insufficientPrivileges();
    return method === 'GET' ? listGroups(c) : done(c, createGroup(tenant, caller, (c.req.body ?? {}) as object));
  }
  const m = /^\/groups\/([^/]+)(\/members\/\$ref|\/members|\/transitiveMembers|\/members\/([^/]+)\/\$ref)?$/.exec(path);
  const segment = m?.[3] ? '/members/{directoryObject-id}/$ref' : (m?.[2] ?? '');
  const operation = `${method} /groups/{group-id}${segment}`;
  const id = m?.[1];
  if (!id || !SUPPORTED.has(operation)) return null;
  if (!c.allowed(operation)) return insufficientPrivileges();
  const group = tenant.groups.find((g) => g.id === decodeURIComponent(id).toLowerCase());
  if (!group) return notFound(id);
  switch (segment) {
    case '':
      return method === 'GET'
        ? entity('groups/$entity', shownGroup(c)(groupResource(group)))
        : done(c, updateGroup(tenant, caller, group, (c.req.body ?? {}) as object));
    case '/members/$ref':
      return done(c, addMember(tenant, caller, group, c.req.body));
    case '/members/{directoryObject-id}/$ref':
      return done(c, removeMember(tenant, caller, group, m?.[3] ?? ''));
    case '/transitiveMembers': {
      const all = transitiveMembers(tenant, group);
      return members(c, all.users, all.groups);
    }
    default:
      return members(c, currentMembers(tenant, group), memberGroups(tenant, group));
  }
}
