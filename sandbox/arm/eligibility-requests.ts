import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxAssignmentRequest, SandboxAzure } from '../store.ts';
import { AUTH, type Caller, mayDo, refusal } from './caller.ts';
import { auditPim, span } from './pim-audit.ts';
import { type RequestBody, requestNotFound, requestProperties } from './requests.ts';

/** Role eligibility schedule requests, kept by name as ARM keeps them, so that one can be read again. */
export const eligibilityRequestsOf = (azure: SandboxAzure) => {
  azure.eligibilityRequests ??= [];
  return azure.eligibilityRequests;
};

export const findEligibilityRequest = (azure: SandboxAzure, name: string) =>
  eligibilityRequestsOf(azure).find((r) => r.name.toLowerCase() === name.toLowerCase());

/** The request as ARM shows it (RoleEligibilityScheduleRequest, 2020-10-01). */
export function eligibilityRequestResource(c: Caller, r: SandboxAssignmentRequest) {
  const target = c.azure.eligibilitySchedules.find((e) => e.name === r.assignmentName);
  return {
    id: `${r.scope}${AUTH}roleEligibilityScheduleRequests/${r.name}`,
    name: r.name,
    type: 'Microsoft.Authorization/RoleEligibilityScheduleRequests',
    properties: requestProperties(c, r, {
      targetRoleEligibilityScheduleId: target && `${target.scope}${AUTH}roleEligibilitySchedules/${target.name}`,
      targetRoleEligibilityScheduleInstanceId: target && `${target.scope}${AUTH}roleEligibilityScheduleInstances/${target.name}`,
    }),
  };
}

/** AdminAssign of an eligibility, the principal checked and the schedule read by the caller (admin-requests.ts). */
export function assignEligibility(
  c: Caller,
  scope: string,
  name: string,
  body: RequestBody,
  who: { principalId: string; roleGuid: string },
  schedule: { start: string; end: string | null },
): ApiResponse {
  const p = body.properties ?? {};
  const eligibility = {
    scope,
    principalId: who.principalId,
    roleDefinitionId: who.roleGuid,
    name: randomUUID(),
    startDateTime: schedule.start,
    endDateTime: schedule.end,
    requestName: name,
  };
  c.azure.eligibilitySchedules.push(eligibility);
  const request: SandboxAssignmentRequest = {
    name,
    scope,
    principalId: who.principalId,
    roleDefinitionId: who.roleGuid,
    requestType: p.requestType ?? 'AdminAssign',
    status: 'Provisioned',
    requestorId: c.token.userId,
    createdOn: new Date().toISOString(),
    scheduleInfo: { ...p.scheduleInfo, startDateTime: schedule.start },
    assignmentName: eligibility.name,
    ...(p.justification ? { justification: p.justification } : {}),
  };
  eligibilityRequestsOf(c.azure).push(request);
  auditPim(c, `Add eligible member to role in PIM completed (${span(schedule.end)})`, {
    ...request,
    start: schedule.start,
    end: schedule.end,
  });
  return { status: 201, body: eligibilityRequestResource(c, request) };
}

/** GET of one eligibility request by name, for a client that lost the answer to its PUT (as requests.ts getRequest). */
export function getEligibilityRequest(c: Caller, scope: string, name: string): ApiResponse {
  const r = findEligibilityRequest(c.azure, name);
  if (!r || r.scope.toLowerCase() !== scope.toLowerCase()) return requestNotFound(name);
  const own = r.principalId === c.token.userId || r.requestorId === c.token.userId;
  const action = 'Microsoft.Authorization/roleEligibilityScheduleRequests/read';
  if (!own && !mayDo(c, scope, action)) return refusal(c, action, scope);
  return { status: 200, body: eligibilityRequestResource(c, r) };
}
