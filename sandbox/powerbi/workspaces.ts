import type { ApiRequest, ApiResponse } from '../api.ts';
import type { SandboxWorkspace } from '../store.ts';
import { type Caller, denied, holds, type PowerBiDeps, page, powerBiError } from './caller.ts';
import { RANK, role } from './workspace-role.ts';
import { workspaceUsers } from './workspace-users.ts';

export function workspaceResource(ws: SandboxWorkspace): Record<string, unknown> {
  return {
    id: ws.id,
    name: ws.name,
    isReadOnly: false,
    isOnDedicatedCapacity: !!ws.capacityId,
    ...(ws.capacityId ? { capacityId: ws.capacityId } : {}),
    type: 'Workspace',
  };
}

/**
 * Groups - Get Groups: the workspaces the caller has a role in, own or through a group (learn: "Returns a list of
 * workspaces the user has access to"), with `$top`, `$skip` and the count of all of them. Of `$filter` the sandbox reads only `name eq '…'`
 * and says so for anything else, rather than answer a list that was not asked for.
 */
function listWorkspaces(req: ApiRequest, c: Caller, deps: PowerBiDeps): ApiResponse {
  if (!holds(c, 'Groups_GetGroups')) return denied();
  const filter = req.query.get('$filter');
  const named = filter === null ? undefined : /^\s*name\s+eq\s+'([^']*)'\s*$/i.exec(filter)?.[1];
  if (filter !== null && named === undefined) {
    return powerBiError(400, 'InvalidRequest', "The sandbox reads only name eq '…' in $filter.");
  }
  const mine = (c.pbi.workspaces ?? []).filter(
    (ws) => role(ws, c.user, c.tenant) && (named === undefined || ws.name.toLowerCase() === named.toLowerCase()),
  );
  // Power BI's answer carries `@odata.count` beside the list (the swagger leaves it out); the sandbox counts them all.
  return { status: 200, body: { '@odata.count': mine.length, value: page(mine, req.query, deps.faults).map(workspaceResource) } };
}

/** Groups - Add Group User: an Admin or Member grants a role in the workspace (one entry per principal). */
function addUser(req: ApiRequest, c: Caller, ws: SandboxWorkspace, deps: PowerBiDeps): ApiResponse {
  const access = role(ws, c.user, c.tenant);
  if (access !== 'Admin' && access !== 'Member') return powerBiError(401, 'PowerBINotAuthorizedException');
  const body = (req.body ?? {}) as {
    emailAddress?: string;
    identifier?: string;
    groupUserAccessRight?: string;
    principalType?: string;
  };
  const identifier = body.identifier ?? body.emailAddress;
  if (!identifier || !RANK.includes(body.groupUserAccessRight ?? ''))
    return powerBiError(400, 'InvalidRequest', 'identifier and groupUserAccessRight are required.');
  ws.users = ws.users.filter((u) => u.identifier.toLowerCase() !== identifier.toLowerCase());
  ws.users.push({
    identifier,
    principalType: body.principalType === 'Group' ? 'Group' : 'User',
    groupUserAccessRight: body.groupUserAccessRight as string,
  });
  deps.store.save();
  return { status: 200 };
}

/** The workspace routes at api.powerbi.com (`/v1.0/myorg/groups…`), or undefined for a path that is not one. */
export function handleWorkspaces(req: ApiRequest, c: Caller, deps: PowerBiDeps, path: string): ApiResponse | undefined {
  if (req.method === 'GET' && path === '/v1.0/myorg/groups') return listWorkspaces(req, c, deps);
  const m = /^\/v1\.0\/myorg\/groups\/([0-9a-f-]{36})(\/users(?:\/([^/]+))?)?$/i.exec(path);
  if (!m?.[1]) return undefined;
  const ws = c.pbi.workspaces?.find((w) => w.id === m[1]?.toLowerCase());
  // A workspace the caller has no role in is, to them, not there.
  const visible = ws && role(ws, c.user, c.tenant) ? ws : undefined;
  if (req.method === 'GET' && !m[2]) {
    if (!holds(c, 'Groups_GetGroup')) return denied();
    return visible ? { status: 200, body: workspaceResource(visible) } : powerBiError(404, 'PowerBIEntityNotFound');
  }
  if (req.method === 'POST' && m[2] && !m[3]) {
    if (!holds(c, 'Groups_AddGroupUser')) return denied();
    return ws ? addUser(req, c, ws, deps) : powerBiError(404, 'PowerBIEntityNotFound');
  }
  if (m[2] && (req.method === 'GET' || req.method === 'DELETE')) return workspaceUsers(req, c, deps, visible, m[3]);
  return undefined;
}
