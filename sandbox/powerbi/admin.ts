/**
 * The organization-wide lists of the Power BI admin APIs: Admin - Groups GetGroupsAsAdmin (`/admin/groups`) and
 * Admin - Apps GetAppsAsAdmin (`/admin/apps`). Both need a Fabric administrator and REQUIRE `$top` ("The query
 * parameter $top is required", learn: rest/api/power-bi/admin/apps-get-apps-as-admin; GetGroupsAsAdmin: "$top …
 * mandatory and must be in the range of 1-5000").
 */
import type { ApiRequest, ApiResponse } from '../api.ts';
import type { SandboxPowerBiApp } from '../store.ts';
import { type Caller, denied, holds, type PowerBiDeps, page, powerBiError } from './caller.ts';
import { namesOf } from './workspace-role.ts';
import { groupUser } from './workspace-users.ts';
import { workspaceResource } from './workspaces.ts';

const FABRIC_ADMIN = 'a9ea8996-122f-4c74-9520-8edcd192826c';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

export const isFabricAdmin = (c: Caller) => c.user.directoryRoles.some((r) => r === FABRIC_ADMIN || r === GLOBAL_ADMIN);

/**
 * Power BI's answer to an admin read past the tenant's hourly budget (faults.ts, `powerBiAdminReads`): 429 with the
 * whole seconds until a slot frees in Retry-After, and a body of a bare `message` (no `error` object), as the service
 * answered GetGroupsAsAdmin in a trace of a real tenant: `{"message":"You have exceeded the amount of requests allowed
 * in the current time frame and further requests will fail. Retry in 3392 seconds."}`, `Retry-After: 3392`
 * (RuiRomano/pbimonitor#58). Learn: "Power BI returns an HTTP status code 429 (Too many requests) with a Retry-After
 * HTTP header ... indicating how many seconds the calling application has to wait" (rest/api/power-bi, Throttling).
 */
export function adminReadSpent(method: string, path: string, tenantId: string, deps: PowerBiDeps): ApiResponse | undefined {
  if (method !== 'GET' || !/^\/v1\.0\/myorg\/admin\//i.test(path)) return undefined;
  const wait = deps.faults.powerBiAdminReads.take(tenantId);
  if (wait === null) return undefined;
  return {
    status: 429,
    headers: { 'retry-after': String(wait) },
    body: {
      message: `You have exceeded the amount of requests allowed in the current time frame and further requests will fail. Retry in ${wait} seconds.`,
    },
  };
}

/** GetGroupsAsAdmin documents 1-5000; GetAppsAsAdmin documents a minimum of 1 only, and is held to the same. */
const ADMIN_TOP_MAX = 5000;

/**
 * `$top` as the admin lists check it, or the refusal. Learn names no error code for a missing or out-of-range `$top`;
 * InvalidRequest (the code the sandbox gives other bad requests) is the sandbox's stand-in, unverified.
 */
function adminTop(query: URLSearchParams): ApiResponse | undefined {
  const top = query.get('$top');
  if (top === null) return powerBiError(400, 'InvalidRequest', 'The query parameter $top is required.');
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > ADMIN_TOP_MAX)
    return powerBiError(400, 'InvalidRequest', `$top must be in the range of 1-${ADMIN_TOP_MAX}.`);
  return undefined;
}

function adminGroups(req: ApiRequest, c: Caller, deps: PowerBiDeps): ApiResponse {
  const expand = req.query.get('$expand');
  if (req.query.has('$filter') || (expand !== null && expand !== 'users'))
    return powerBiError(400, 'InvalidRequest', 'The sandbox reads only $top, $skip and $expand=users here.');
  const value = page(c.pbi.workspaces ?? [], req.query, deps.faults).map((ws) => ({
    ...workspaceResource(ws),
    state: 'Active',
    ...(expand
      ? {
          users: ws.users.map((u) => {
            const graphId =
              u.principalType === 'User'
                ? c.tenant.users.find((x) => namesOf(x).includes(u.identifier.toLowerCase()))?.id
                : u.identifier;
            return { ...groupUser(c.tenant, u), ...(graphId ? { graphId } : {}) };
          }),
        }
      : {}),
  }));
  return { status: 200, body: { value } };
}

function adminApps(req: ApiRequest, c: Caller, deps: PowerBiDeps): ApiResponse {
  return { status: 200, body: { value: page(c.pbi.apps, req.query, deps.faults).map(appResource) } };
}

/** The admin list routes, or undefined for a path that is not one. */
export function handleAdminLists(req: ApiRequest, c: Caller, deps: PowerBiDeps, path: string): ApiResponse | undefined {
  const list = req.method === 'GET' && /^\/v1\.0\/myorg\/admin\/(groups|apps)$/i.exec(path)?.[1]?.toLowerCase();
  if (!list) return undefined;
  if (!holds(c, list === 'groups' ? 'Groups_GetGroupsAsAdmin' : 'Apps_GetAppsAsAdmin')) return denied();
  if (!isFabricAdmin(c)) return powerBiError(401, 'PowerBINotAuthorizedException');
  return adminTop(req.query) ?? (list === 'groups' ? adminGroups(req, c, deps) : adminApps(req, c, deps));
}

/**
 * An app as Power BI answers it. `workspaceId` is not in the swagger's App but the service sends it (learn: Apps - Get
 * Apps, sample response).
 */
export const appResource = ({ id, name, description, publishedBy, lastUpdate, workspaceId }: SandboxPowerBiApp) => ({
  id,
  name,
  description,
  publishedBy,
  lastUpdate,
  workspaceId,
});
