import type { ApiRequest, ApiResponse } from '../api.ts';
import { adminReadSpent, appResource, handleAdminLists, isFabricAdmin } from './admin.ts';
import { authenticate, type Caller, denied, holds, type PowerBiDeps, powerBiError } from './caller.ts';
import { role } from './workspace-role.ts';
import { handleWorkspaces } from './workspaces.ts';

/** The apps a user can open: published to a group they are in, or in a workspace where they hold a role. */
function appsFor(c: Caller) {
  const mine = new Set(c.tenant.groups.filter((g) => g.members.includes(c.user.id)).map((g) => g.id));
  return c.pbi.apps.filter((a) => {
    const ws = c.pbi.workspaces?.find((w) => w.id === a.workspaceId);
    return (a.audienceGroupIds ?? []).some((g) => mine.has(g)) || (ws && role(ws, c.user, c.tenant));
  });
}

/** Routes one Power BI REST request at api.powerbi.com (`/v1.0/myorg/...`). */
export async function handlePowerBi(req: ApiRequest, deps: PowerBiDeps): Promise<ApiResponse> {
  const caller = await authenticate(req, deps);
  if ('status' in caller) return caller;
  const { pbi, user, tenant } = caller;
  const path = req.path.replace(/\/+$/, '');
  const spent = adminReadSpent(req.method, path, tenant.id, deps);
  if (spent) return spent;

  if (req.method === 'GET' && path === '/v1.0/myorg/apps') {
    if (!holds(caller, 'Apps_GetApps')) return denied();
    // Not paged: Apps - Get Apps takes no $top or $skip (learn), so the whole list is one answer.
    return { status: 200, body: { value: appsFor(caller).map(appResource) } };
  }
  const app = /^\/v1\.0\/myorg\/apps\/([0-9a-f-]{36})$/i.exec(path);
  if (req.method === 'GET' && app?.[1]) {
    if (!holds(caller, 'Apps_GetApp')) return denied();
    const found = pbi.apps.find((a) => a.id === app[1]?.toLowerCase());
    if (!found) return powerBiError(404, 'PowerBIEntityNotFound');
    const { id, name, description, publishedBy, lastUpdate, workspaceId } = found;
    return { status: 200, body: { id, name, description, publishedBy, lastUpdate, workspaceId } };
  }
  const appUsers = /^\/v1\.0\/myorg\/admin\/apps\/([0-9a-f-]{36})\/users$/i.exec(path);
  if (req.method === 'GET' && appUsers?.[1]) {
    if (!holds(caller, 'Apps_GetAppUsersAsAdmin')) return denied();
    if (!isFabricAdmin(caller)) return powerBiError(401, 'PowerBINotAuthorizedException');
    const found = pbi.apps.find((a) => a.id === appUsers[1]?.toLowerCase());
    if (!found) return powerBiError(404, 'PowerBIEntityNotFound');
    const value = (found.audienceGroupIds ?? []).flatMap((gid) => {
      const g = tenant.groups.find((x) => x.id === gid);
      return g
        ? [{ appUserAccessRight: 'Read', displayName: g.displayName, identifier: g.id, graphId: g.id, principalType: 'Group' }]
        : [];
    });
    return { status: 200, body: { value } };
  }
  const workspaces = handleWorkspaces(req, caller, deps, path) ?? handleAdminLists(req, caller, deps, path);
  if (workspaces) return workspaces;
  if (req.method === 'GET' && path === '/v1.0/myorg/capacities') {
    if (!holds(caller, 'Capacities_GetCapacities')) return denied();
    const value = (pbi.capacities ?? []).map((c) => ({
      id: c.id,
      displayName: c.displayName,
      admins: c.admins,
      sku: c.sku,
      state: 'Active',
      region: c.region,
      capacityUserAccessRight: c.admins.includes(user.userPrincipalName) ? 'Admin' : 'Assign',
    }));
    return { status: 200, body: { value } };
  }
  return powerBiError(404, 'NotFound', `No Power BI operation at ${req.method} ${req.path} in the sandbox.`);
}
