import type { ApiRequest, ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { Login } from '../login.ts';
import type { Store } from '../store.ts';
import { accessReviewRoute } from './access-reviews.ts';
import { adminRemove } from './admin-remove.ts';
import { type AdminKind, adminRequest } from './admin-requests.ts';
import { AUTH, armError, type Caller } from './caller.ts';
import { getEligibilityRequest } from './eligibility-requests.ts';
import { listInstances } from './instances.ts';
import { type ArmList, armPaged } from './paging.ts';
import { getPolicy, listPolicyAssignments } from './policies.ts';
import { withArmRequestIds } from './request-ids.ts';
import { getRequest, type RequestBody } from './requests.ts';
import { deleteRoleAssignment, getRoleAssignment, listRoleAssignments } from './role-assignments.ts';
import { assignableAt, roleIn, rolesOf, scopedRoleId } from './roles.ts';
import { selfRequest } from './self-service.ts';
import { listSubscriptions, listTenants, subscriptionResource } from './tenants.ts';

export const ARM_AUDIENCE = 'https://management.azure.com';

export interface ArmDeps {
  store: Store;
  login: Pick<Login, 'findAccessToken'>;
  faults: Faults;
}

const SELF_REQUESTS = new Set(['SelfActivate', 'SelfDeactivate']);

/** Azure Resource Manager at management.azure.com: tenants, subscriptions, resource groups, RBAC and PIM. */
export async function handleArm(req: ApiRequest, deps: ArmDeps): Promise<ApiResponse> {
  return withArmRequestIds(req, await routed(req, deps));
}

async function routed(req: ApiRequest, deps: ArmDeps): Promise<ApiResponse> {
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
  const c: Caller = { token, tenant, azure };
  const at = req.path.indexOf(AUTH);
  const scope = (at === -1 ? req.path : req.path.slice(0, at)).replace(/\/+$/, '');
  const rest = at === -1 ? '' : req.path.slice(at + AUTH.length);
  const filter = req.query.get('$filter') ?? '';
  const parts = scope.split('/').filter(Boolean);
  const paged = (answer: ApiResponse, list: ArmList) => armPaged(answer, req, deps.faults, list);

  if (req.method === 'GET' && !rest && /^\/tenants\/?$/i.test(req.path)) return paged(listTenants(c, deps.store), 'tenants');
  if (req.method === 'GET' && !rest && /^\/subscriptions\/?$/i.test(req.path))
    return paged(listSubscriptions(c), 'subscriptions');
  const instances = /^(roleEligibilityScheduleInstances|roleAssignmentScheduleInstances)$/i.exec(rest)?.[1];
  const kind = instances?.toLowerCase().startsWith('roleeligibility')
    ? 'roleEligibilityScheduleInstances'
    : 'roleAssignmentScheduleInstances';
  // The tenant root (`/providers/Microsoft.Authorization/…`) has no subscription.
  if (req.method === 'GET' && instances && !scope) return paged(listInstances(c, kind, '', filter), 'instances');

  const sub = azure.subscriptions.find((s) => s.subscriptionId === parts[1]?.toLowerCase());
  if (!sub) return armError(404, 'SubscriptionNotFound', `The subscription '${parts[1] ?? ''}' could not be found.`);

  if (!rest && req.method === 'GET') {
    if (parts.length === 2) return { status: 200, body: subscriptionResource(sub, tenant.id) };
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
    const value = rolesOf(azure)
      .filter((r) => assignableAt(r, scope))
      .map((r) => ({
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
    return paged({ status: 200, body: { value } }, 'roleDefinitions');
  }
  if (req.method === 'GET' && rest === 'roleAssignments')
    return paged(listRoleAssignments(c, scope, filter, sub.subscriptionId), 'roleAssignments');
  const assignmentName = /^roleAssignments\/([0-9a-f-]{36})$/i.exec(rest)?.[1];
  if (req.method === 'GET' && assignmentName) return getRoleAssignment(c, scope, assignmentName, sub.subscriptionId);
  if (req.method === 'DELETE' && assignmentName) {
    const answer = deleteRoleAssignment(c, scope, assignmentName, sub.subscriptionId);
    if (answer.status === 200) deps.store.save();
    return answer;
  }
  if (req.method === 'GET' && instances) return paged(listInstances(c, kind, scope, filter), 'instances');
  if (req.method === 'GET' && /^roleManagementPolicyAssignments$/i.test(rest))
    return paged(listPolicyAssignments(c, scope, filter), 'policyAssignments');
  const policy = /^roleManagementPolicies\/([^/]+)$/i.exec(rest)?.[1];
  if (req.method === 'GET' && policy) return getPolicy(c, scope, policy);
  const requestName = /^roleAssignmentScheduleRequests\/([0-9a-f-]{36})$/i.exec(rest)?.[1];
  if (req.method === 'GET' && requestName) return getRequest(c, scope, requestName);
  const eligibilityName = /^roleEligibilityScheduleRequests\/([0-9a-f-]{36})$/i.exec(rest)?.[1];
  if (req.method === 'GET' && eligibilityName) return getEligibilityRequest(c, scope, eligibilityName);

  const put = /^(roleAssignments|roleEligibilityScheduleRequests|roleAssignmentScheduleRequests)\/([0-9a-f-]{36})$/i.exec(rest);
  if (req.method === 'PUT' && put?.[1] && put[2]) {
    const body = (req.body ?? {}) as RequestBody;
    const roleGuid = body.properties?.roleDefinitionId?.split('/').pop() ?? '';
    const role = roleIn(azure, roleGuid);
    if (!role || !assignableAt(role, scope))
      return armError(400, 'RoleDefinitionDoesNotExist', 'The specified role definition does not exist.');
    const what = put[1].toLowerCase();
    const adminKind = (['roleAssignments', 'roleEligibilityScheduleRequests', 'roleAssignmentScheduleRequests'] as const).find(
      (k) => k.toLowerCase() === what,
    ) as AdminKind;
    const requestType = body.properties?.requestType ?? '';
    const self = adminKind === 'roleAssignmentScheduleRequests' && SELF_REQUESTS.has(requestType);
    const answer = self
      ? selfRequest(c, deps.faults, scope, put[2], body)
      : adminKind !== 'roleAssignments' && requestType === 'AdminRemove'
        ? adminRemove(c, adminKind, scope, put[2], body)
        : adminRequest(c, deps.faults, adminKind, scope, put[2], body, sub.subscriptionId);
    if (answer.status < 300) deps.store.save();
    return answer;
  }
  const review = accessReviewRoute(c, req.method, scope, rest, req.body);
  if (review && review.status < 300 && req.method !== 'GET') deps.store.save();
  if (review) return review;
  return armError(404, 'NotFound', `No ARM operation at ${req.method} ${req.path} in the sandbox.`);
}
