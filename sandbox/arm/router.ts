import type { ApiRequest, ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { Login, TokenInfo } from '../login.ts';
import type { SandboxAzure, SandboxTenant, Store } from '../store.ts';
import { builtInRoles, roleAllows, roleById, scopedRoleId } from './roles.ts';
import { acceptScheduleRequest, holdsNow, readSchedule } from './schedules.ts';

export const ARM_AUDIENCE = 'https://management.azure.com';
const AUTH = '/providers/Microsoft.Authorization/';

export const armError = (status: number, code: string, message: string): ApiResponse => ({
  status,
  body: { error: { code, message } },
});

export interface ArmDeps {
  store: Store;
  login: Login;
  faults: Faults;
}

interface Caller {
  token: TokenInfo;
  tenant: SandboxTenant;
  azure: SandboxAzure;
}

/** Scopes at or above `scope`: the resource, its resource group, its subscription. */
function ancestors(scope: string): string[] {
  const parts = scope.split('/').filter(Boolean);
  const out: string[] = [];
  for (let n = 2; n <= parts.length; n += 2) out.push(`/${parts.slice(0, n).join('/')}`.toLowerCase());
  return out;
}

function mayAssign(c: Caller, scope: string): boolean {
  const above = new Set(ancestors(scope));
  return c.azure.roleAssignments
    .filter((a) => holdsNow(a))
    .some((a) => {
      const role = roleById(a.roleDefinitionId);
      return (
        a.principalId === c.token.userId &&
        above.has(a.scope.toLowerCase()) &&
        !!role &&
        roleAllows(role, 'Microsoft.Authorization/roleAssignments/write')
      );
    });
}

function assignmentResource(a: SandboxAzure['roleAssignments'][number], subscriptionId: string) {
  return {
    id: `${a.scope}${AUTH}roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: scopedRoleId(subscriptionId, a.roleDefinitionId),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
    },
  };
}

/** Azure Resource Manager at management.azure.com: subscriptions, resource groups, RBAC and PIM eligibility. */
export async function handleArm(req: ApiRequest, deps: ArmDeps): Promise<ApiResponse> {
  const value = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = value ? await deps.login.findAccessToken(value) : undefined;
  if (!token || token.issuedAt < deps.faults.tokensExpireBefore || token.audience !== ARM_AUDIENCE) {
    return armError(401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.');
  }
  if (!req.query.get('api-version'))
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  const tenant = token.tenant;
  const azure = tenant.azure ?? { subscriptions: [], roleAssignments: [], eligibilitySchedules: [] };
  const caller: Caller = { token, tenant, azure };
  const at = req.path.indexOf(AUTH);
  const scope = (at === -1 ? req.path : req.path.slice(0, at)).replace(/\/+$/, '');
  const rest = at === -1 ? '' : req.path.slice(at + AUTH.length);
  const parts = scope.split('/').filter(Boolean);
  const sub = azure.subscriptions.find((s) => s.subscriptionId === parts[1]?.toLowerCase());
  if (!sub) return armError(404, 'SubscriptionNotFound', `The subscription '${parts[1] ?? ''}' could not be found.`);

  if (!rest && req.method === 'GET') {
    if (parts.length === 2) {
      return {
        status: 200,
        body: {
          id: `/subscriptions/${sub.subscriptionId}`,
          subscriptionId: sub.subscriptionId,
          tenantId: tenant.id,
          displayName: sub.displayName,
          state: 'Enabled',
          authorizationSource: 'RoleBased',
        },
      };
    }
    const rg = sub.resourceGroups.find(
      (g) => parts[2]?.toLowerCase() === 'resourcegroups' && g.name.toLowerCase() === parts[3]?.toLowerCase(),
    );
    if (parts.length === 4 && rg) {
      return {
        status: 200,
        body: {
          id: `/subscriptions/${sub.subscriptionId}/resourceGroups/${rg.name}`,
          name: rg.name,
          type: 'Microsoft.Resources/resourceGroups',
          location: rg.location,
          properties: { provisioningState: 'Succeeded' },
        },
      };
    }
    return armError(404, 'ResourceGroupNotFound', `Resource group '${parts[3] ?? ''}' could not be found.`);
  }
  if (req.method === 'GET' && rest === 'roleDefinitions') {
    // The reference data comes from a newer api-version; 2022-04-01 permissions have no condition fields.
    const value = builtInRoles.map((r) => ({
      ...r,
      id: scopedRoleId(sub.subscriptionId, r.name),
      properties: {
        ...r.properties,
        permissions: r.properties.permissions.map(({ actions, notActions, dataActions, notDataActions }) => ({
          actions,
          notActions,
          dataActions,
          notDataActions,
        })),
      },
    }));
    return { status: 200, body: { value } };
  }
  if (req.method === 'GET' && rest === 'roleAssignments') {
    const here = scope.toLowerCase();
    const above = new Set(ancestors(scope));
    // atScope(): assignments at this scope and above it; without a filter, also those below.
    const atScope = /atScope\(\)/.test(req.query.get('$filter') ?? '');
    const value = azure.roleAssignments
      .filter((a) => holdsNow(a))
      .filter((a) =>
        atScope ? above.has(a.scope.toLowerCase()) : above.has(a.scope.toLowerCase()) || a.scope.toLowerCase().startsWith(here),
      )
      .map((a) => assignmentResource(a, sub.subscriptionId));
    return { status: 200, body: { value } };
  }
  const put = /^(roleAssignments|roleEligibilityScheduleRequests|roleAssignmentScheduleRequests)\/([0-9a-f-]{36})$/i.exec(rest);
  if (req.method === 'PUT' && put?.[2]) {
    const body = (req.body ?? {}) as {
      properties?: {
        roleDefinitionId?: string;
        principalId?: string;
        principalType?: string;
        requestType?: string;
        scheduleInfo?: { startDateTime?: string; expiration?: { type?: string; duration?: string; endDateTime?: string } };
      };
    };
    const p = body.properties ?? {};
    const roleGuid = p.roleDefinitionId?.split('/').pop() ?? '';
    if (!roleById(roleGuid)) return armError(400, 'RoleDefinitionDoesNotExist', 'The specified role definition does not exist.');
    if (!mayAssign(caller, scope)) {
      return armError(
        403,
        'AuthorizationFailed',
        `The client '${token.userId}' does not have authorization to perform action 'Microsoft.Authorization/${put[1]}/write' over scope '${scope}' or the scope is invalid.`,
      );
    }
    const principal = tenant.users.find((u) => u.id === p.principalId);
    const justCreated =
      principal?.createdDateTime && Date.now() - Date.parse(principal.createdDateTime) < deps.faults.principalReplicationMs;
    if (!principal || justCreated) {
      return armError(
        400,
        'PrincipalNotFound',
        `Principal ${p.principalId} does not exist in the directory ${tenant.id}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay.`,
      );
    }
    const what = (put[1] ?? '').toLowerCase();
    const same = (a: { scope: string; principalId: string; roleDefinitionId: string }) =>
      a.scope.toLowerCase() === scope.toLowerCase() && a.principalId === principal.id && a.roleDefinitionId === roleGuid;
    const taken =
      what === 'roleeligibilityschedulerequests'
        ? azure.eligibilitySchedules.some((e) => same(e) && (!e.endDateTime || Date.parse(e.endDateTime) > Date.now()))
        : what === 'roleassignments' && azure.roleAssignments.some((a) => same(a) && !a.endDateTime);
    if (taken)
      return armError(what === 'roleassignments' ? 409 : 400, 'RoleAssignmentExists', 'The role assignment already exists.');
    if (what === 'roleassignments') {
      const assignment = {
        name: put[2],
        scope,
        principalId: principal.id,
        principalType: p.principalType ?? 'User',
        roleDefinitionId: roleGuid,
        createdOn: new Date().toISOString(),
      };
      azure.roleAssignments.push(assignment);
      deps.store.save();
      return { status: 201, body: assignmentResource(assignment, sub.subscriptionId) };
    }
    const schedule = readSchedule(p.scheduleInfo);
    if ('status' in schedule) return schedule;
    const kind =
      what === 'roleeligibilityschedulerequests' ? 'roleEligibilityScheduleRequests' : 'roleAssignmentScheduleRequests';
    const request = {
      name: put[2],
      scope,
      subscriptionId: sub.subscriptionId,
      principalId: principal.id,
      roleGuid,
      requestType: p.requestType ?? 'AdminAssign',
    };
    const accepted = acceptScheduleRequest(azure, kind, request, schedule, p.scheduleInfo);
    deps.store.save();
    return accepted;
  }
  if (req.method === 'GET' && rest === 'roleEligibilityScheduleInstances') {
    const above = new Set(ancestors(scope));
    const value = azure.eligibilitySchedules
      .filter((e) => above.has(e.scope.toLowerCase()) || e.scope.toLowerCase().startsWith(scope.toLowerCase()))
      .map((e) => ({
        id: `${e.scope}${AUTH}roleEligibilityScheduleInstances/${e.name}`,
        name: e.name,
        type: 'Microsoft.Authorization/roleEligibilityScheduleInstances',
        properties: {
          scope: e.scope,
          roleDefinitionId: scopedRoleId(sub.subscriptionId, e.roleDefinitionId),
          principalId: e.principalId,
          principalType: 'User',
          status: 'Provisioned',
          startDateTime: e.startDateTime,
          endDateTime: e.endDateTime,
          memberType: 'Direct',
        },
      }));
    return { status: 200, body: { value } };
  }
  return armError(404, 'NotFound', `No ARM operation at ${req.method} ${req.path} in the sandbox.`);
}
