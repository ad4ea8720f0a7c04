import type { ApiRequest, ApiResponse } from '../api.ts';
import { type Faults, pageSize } from '../faults.ts';
import type { Login, TokenInfo } from '../login.ts';
import type { SandboxPowerBi, SandboxTenant, SandboxUser, Store } from '../store.ts';

export const POWERBI_AUDIENCE = 'https://analysis.windows.net/powerbi/api';

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

/** Who is calling Power BI: the token, the signed-in user, their tenant and its Power BI. */
export interface Caller {
  token: TokenInfo;
  user: SandboxUser;
  tenant: SandboxTenant;
  pbi: SandboxPowerBi;
}

/** Scopes each operation accepts (the swagger's "Required Scope" sections, ../shared/contracts/README.md). */
const SCOPES: Record<string, string[]> = {
  Apps_GetApp: ['App.Read.All'],
  Apps_GetApps: ['App.Read.All'],
  Groups_GetGroups: ['Workspace.Read.All', 'Workspace.ReadWrite.All'],
  Groups_GetGroup: ['Workspace.Read.All', 'Workspace.ReadWrite.All'],
  Groups_GetGroupUsers: ['Workspace.Read.All', 'Workspace.ReadWrite.All'],
  Groups_AddGroupUser: ['Workspace.ReadWrite.All'],
  Groups_DeleteUserInGroup: ['Workspace.ReadWrite.All'],
  Capacities_GetCapacities: ['Capacity.Read.All', 'Capacity.ReadWrite.All'],
  Apps_GetAppUsersAsAdmin: ['Tenant.Read.All', 'Tenant.ReadWrite.All'],
  Apps_GetAppsAsAdmin: ['Tenant.Read.All', 'Tenant.ReadWrite.All'],
  Groups_GetGroupsAsAdmin: ['Tenant.Read.All', 'Tenant.ReadWrite.All'],
};

export async function authenticate(req: ApiRequest, deps: PowerBiDeps): Promise<Caller | ApiResponse> {
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

export const holds = (c: Caller, operation: string) =>
  c.token.scopes.some((s) => (SCOPES[operation] ?? []).includes(s.replace(`${POWERBI_AUDIENCE}/`, '')));

export const denied = () => powerBiError(403, 'InsufficientScopes', 'The token does not carry a scope this operation needs.');

/**
 * `$top` and `$skip` as Power BI's lists take them: the client pages, and a list asked without `$top` answers all
 * that follow `$skip` (Learn gives these lists no default page size). A forced page size (faults.ts) answers fewer
 * than `$top` asks, as a service maximum below it would: a client reads on from `$skip` plus what it received until
 * a page comes back empty (or, for workspaces, until `@odata.count`).
 */
export function page<T>(items: T[], query: URLSearchParams, faults: Pick<Faults, 'forcedPageSize'>): T[] {
  const n = (name: string) => Math.max(0, Number.parseInt(query.get(name) ?? '', 10) || 0);
  const rest = items.slice(n('$skip'));
  const top = query.has('$top') ? n('$top') : rest.length;
  return rest.slice(0, top === 0 ? 0 : pageSize(faults, top, rest.length, top));
}
