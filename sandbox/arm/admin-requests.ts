import type { ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { SandboxAssignmentRequest, SandboxRoleAssignment } from '../store.ts';
import { AUTH, armError, type Caller, mayDo, refusal } from './caller.ts';
import { assignEligibility, findEligibilityRequest } from './eligibility-requests.ts';
import { auditPim, span } from './pim-audit.ts';
import { findRequest, provision, type RequestBody, requestExists, requestResource, requestsOf } from './requests.ts';
import { scopedRoleId } from './roles.ts';
import { readSchedule } from './schedules.ts';

export type AdminKind = 'roleAssignments' | 'roleEligibilityScheduleRequests' | 'roleAssignmentScheduleRequests';

export function assignmentResource(a: SandboxRoleAssignment, subscriptionId: string) {
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

/**
 * An administrator's grant: a plain role assignment, or a PIM schedule request (AdminAssign) for an eligibility or a
 * time-bound active assignment, by someone who holds roleAssignments/write at or above the scope.
 */
export function adminRequest(
  c: Caller,
  faults: Faults,
  kind: AdminKind,
  scope: string,
  name: string,
  body: RequestBody,
  subscriptionId: string,
): ApiResponse {
  const p = body.properties ?? {};
  const roleGuid = p.roleDefinitionId?.split('/').pop()?.toLowerCase() ?? '';
  if (!mayDo(c, scope, 'Microsoft.Authorization/roleAssignments/write')) {
    return refusal(c, `Microsoft.Authorization/${kind}/write`, scope);
  }
  const principal = c.tenant.users.find((u) => u.id === p.principalId);
  const justCreated =
    principal?.createdDateTime &&
    Date.now() - Date.parse(principal.createdDateTime) < faults.scaled(faults.principalReplicationMs);
  if (!principal || justCreated) {
    return armError(
      400,
      'PrincipalNotFound',
      `Principal ${p.principalId} does not exist in the directory ${c.tenant.id}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay.`,
    );
  }
  // A second PUT under a request's name is refused, never carried out twice (requests.ts requestExists).
  const known = kind === 'roleEligibilityScheduleRequests' ? findEligibilityRequest : findRequest;
  if (kind !== 'roleAssignments' && known(c.azure, name)) return requestExists(name);
  const same = (a: { scope: string; principalId: string; roleDefinitionId: string }) =>
    a.scope.toLowerCase() === scope.toLowerCase() && a.principalId === principal.id && a.roleDefinitionId === roleGuid;
  const taken =
    kind === 'roleEligibilityScheduleRequests'
      ? c.azure.eligibilitySchedules.some((e) => same(e) && (!e.endDateTime || Date.parse(e.endDateTime) > Date.now()))
      : kind === 'roleAssignments' && c.azure.roleAssignments.some((a) => same(a) && !a.endDateTime);
  if (taken)
    return armError(kind === 'roleAssignments' ? 409 : 400, 'RoleAssignmentExists', 'The role assignment already exists.');
  if (kind === 'roleAssignments') {
    // Plain RBAC, not PIM: Azure's activity log has it, Entra's directory audit does not (pim-audit.ts).
    const assignment = {
      name,
      scope,
      principalId: principal.id,
      principalType: p.principalType ?? 'User',
      roleDefinitionId: roleGuid,
      createdOn: new Date().toISOString(),
    };
    c.azure.roleAssignments.push(assignment);
    return { status: 201, body: assignmentResource(assignment, subscriptionId) };
  }
  const schedule = readSchedule(p.scheduleInfo);
  if ('status' in schedule) return schedule;
  if (kind === 'roleEligibilityScheduleRequests') {
    return assignEligibility(c, scope, name, body, { principalId: principal.id, roleGuid }, schedule);
  }
  const scheduleInfo = { ...p.scheduleInfo, startDateTime: schedule.start };
  const request: SandboxAssignmentRequest = {
    name,
    scope,
    principalId: principal.id,
    roleDefinitionId: roleGuid,
    requestType: p.requestType ?? 'AdminAssign',
    status: 'Provisioned',
    requestorId: c.token.userId,
    createdOn: new Date().toISOString(),
    scheduleInfo,
    ...(p.justification ? { justification: p.justification } : {}),
  };
  provision(c.azure, request, 'Assigned');
  requestsOf(c.azure).push(request);
  auditPim(c, `Add member to role in PIM completed (${span(schedule.end)})`, {
    ...request,
    start: schedule.start,
    end: schedule.end,
  });
  return { status: 201, body: requestResource(c, request) };
}
