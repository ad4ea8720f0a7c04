import type { ApiRequest, ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { Login, TokenInfo } from '../login.ts';
import type { SandboxPowerBi, SandboxTenant, SandboxUser, SandboxWorkspace, Store } from '../store.ts';

export const POWERBI_AUDIENCE = 'https://analysis.windows.net/powerbi/api';
const FABRIC_ADMIN = 'a9ea8996-122f-4c74-9520-8edcd192826c';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

/** Power BI's error body: `{ error: { code, message } }` (codes as the service sends them). */
export const powerBiError = (status: number, code: string, message = code, headers?: Record<string, string>): ApiResponse => ({
  status,
  headers,
  body: { error: { code, message } },
});

export interface PowerBiDeps {
  store: Store;
  login: Login;
  faults: Faults;
}

interface Caller {
  token: TokenInfo;
  user: SandboxUser;
  tenant: SandboxTenant;
  pbi: SandboxPowerBi;
}

/** Scopes each operation accepts (the swagger's "Required Scope" sections, ../shared/contracts/README.md). */
const SCOPES: Record<string, string[]> = {
  Apps_GetApp: ['App.Read.All'],
  Apps_GetApps: ['App.Read.All'],
  Groups_GetGroup: ['Workspace.Read.All', 'Workspace.ReadWrite.All'],
  Groups_AddGroupUser: ['Workspace.ReadWrite.All'],
  Capacities_GetCapacities: ['Capacity.Read.All', 'Capacity.ReadWrite.All'],
  Apps_GetAppUsersAsAdmin: ['Tenant.Read.All', 'Tenant.ReadWrite.All'],
};

async function authenticate(req: ApiRequest, deps: PowerBiDeps): Promise<Caller | ApiResponse> {
  const value = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = value ? await deps.login.findAccessToken(value) : undefined;
  if (!token || token.issuedAt < deps.faults.tokensExpireBefore || token.audience !== POWERBI_AUDIENCE) {
    return powerBiError(403, 'TokenExpired', 'Access token has expired, resubmit with a new access token', {
      'www-authenticate':
        'Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, error="invalid_token"',
    });
  }
  const user = token.tenant.users.find((u) => u.id === token.userId);
  if (!user) return powerBiError(401, 'PowerBINotAuthorizedException');
  return { token, user, tenant: token.tenant, pbi: token.tenant.powerbi ?? { apps: [] } };
}

const holds = (c: Caller, operation: string) =>
  c.token.scopes.some((s) => (SCOPES[operation] ?? []).includes(s.replace(`${POWERBI_AUDIENCE}/`, '')));

/** A user is named in a workspace by UPN, or (a guest added by address) by their e-mail. */
function role(ws: SandboxWorkspace, user: SandboxUser): string | undefined {
  const names = [user.userPrincipalName, user.mail].filter(Boolean).map((n) => String(n).toLowerCase());
  return ws.users.find((u) => u.principalType === 'User' && names.includes(u.identifier.toLowerCase()))?.groupUserAccessRight;
}

/** The apps a user can open: published to a group they are in, or in a workspace where they hold a role. */
function appsFor(c: Caller) {
  const mine = new Set(c.tenant.groups.filter((g) => g.members.includes(c.user.id)).map((g) => g.id));
  return c.pbi.apps.filter((a) => {
    const ws = c.pbi.workspaces?.find((w) => w.id === a.workspaceId);
    return (a.audienceGroupIds ?? []).some((g) => mine.has(g)) || (ws && role(ws, c.user));
  });
}

function workspaceResource(ws: SandboxWorkspace): Record<string, unknown> {
  return {
    id: ws.id,
    name: ws.name,
    isReadOnly: false,
    isOnDedicatedCapacity: !!ws.capacityId,
    ...(ws.capacityId ? { capacityId: ws.capacityId } : {}),
    type: 'Workspace',
  };
}

/** Routes one Power BI REST request at api.powerbi.com (`/v1.0/myorg/...`). */
export async function handlePowerBi(req: ApiRequest, deps: PowerBiDeps): Promise<ApiResponse> {
  const caller = await authenticate(req, deps);
  if ('status' in caller) return caller;
  const { pbi, user, tenant } = caller;
  const path = req.path.replace(/\/+$/, '');
  const denied = powerBiError(403, 'InsufficientScopes', 'The token does not carry a scope this operation needs.');

  if (req.method === 'GET' && path === '/v1.0/myorg/apps') {
    if (!holds(caller, 'Apps_GetApps')) return denied;
    // workspaceId is not in the swagger's App but the service sends it (learn: Apps - Get Apps, sample response).
    const value = appsFor(caller).map(({ id, name, description, publishedBy, lastUpdate, workspaceId }) => ({
      id,
      name,
      description,
      publishedBy,
      lastUpdate,
      workspaceId,
    }));
    return { status: 200, body: { value } };
  }
  const app = /^\/v1\.0\/myorg\/apps\/([0-9a-f-]{36})$/i.exec(path);
  if (req.method === 'GET' && app?.[1]) {
    if (!holds(caller, 'Apps_GetApp')) return denied;
    const found = pbi.apps.find((a) => a.id === app[1]?.toLowerCase());
    if (!found) return powerBiError(404, 'PowerBIEntityNotFound');
    const { id, name, description, publishedBy, lastUpdate, workspaceId } = found;
    return { status: 200, body: { id, name, description, publishedBy, lastUpdate, workspaceId } };
  }
  const appUsers = /^\/v1\.0\/myorg\/admin\/apps\/([0-9a-f-]{36})\/users$/i.exec(path);
  if (req.method === 'GET' && appUsers?.[1]) {
    if (!holds(caller, 'Apps_GetAppUsersAsAdmin')) return denied;
    if (!user.directoryRoles.some((r) => r === FABRIC_ADMIN || r === GLOBAL_ADMIN))
      return powerBiError(401, 'PowerBINotAuthorizedException');
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
  const group = /^\/v1\.0\/myorg\/groups\/([0-9a-f-]{36})(\/users)?$/i.exec(path);
  if (group?.[1]) {
    const ws = pbi.workspaces?.find((w) => w.id === group[1]?.toLowerCase());
    const access = ws && role(ws, user);
    if (req.method === 'GET' && !group[2]) {
      if (!holds(caller, 'Groups_GetGroup')) return denied;
      if (!ws || !access) return powerBiError(404, 'PowerBIEntityNotFound');
      return { status: 200, body: workspaceResource(ws) };
    }
    if (req.method === 'POST' && group[2]) {
      if (!holds(caller, 'Groups_AddGroupUser')) return denied;
      if (!ws) return powerBiError(404, 'PowerBIEntityNotFound');
      if (access !== 'Admin' && access !== 'Member') return powerBiError(401, 'PowerBINotAuthorizedException');
      const body = (req.body ?? {}) as {
        emailAddress?: string;
        identifier?: string;
        groupUserAccessRight?: string;
        principalType?: string;
      };
      const identifier = body.identifier ?? body.emailAddress;
      const rights = ['Admin', 'Member', 'Contributor', 'Viewer'];
      if (!identifier || !rights.includes(body.groupUserAccessRight ?? ''))
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
  }
  if (req.method === 'GET' && path === '/v1.0/myorg/capacities') {
    if (!holds(caller, 'Capacities_GetCapacities')) return denied;
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
