import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxAssignmentRequest, SandboxAzure, SandboxRoleAssignment } from '../store.ts';
import { AUTH, armError, type Caller, expanded, mayDo, refusal, subscriptionOf } from './caller.ts';
import { scopedRoleId } from './roles.ts';
import { readSchedule } from './schedules.ts';

/** What a roleAssignmentScheduleRequests PUT carries. */
export interface RequestBody {
  properties?: {
    roleDefinitionId?: string;
    principalId?: string;
    principalType?: string;
    requestType?: string;
    scheduleInfo?: SandboxAssignmentRequest['scheduleInfo'];
    linkedRoleEligibilityScheduleId?: string;
    justification?: string;
    ticketInfo?: SandboxAssignmentRequest['ticketInfo'];
  };
}

export const requestsOf = (azure: SandboxAzure) => {
  azure.assignmentRequests ??= [];
  return azure.assignmentRequests;
};

export const findRequest = (azure: SandboxAzure, name: string) =>
  requestsOf(azure).find((r) => r.name.toLowerCase() === name.toLowerCase());

/** An assignment's schedule: named after the request that made it, as PIM names its schedules. */
export const scheduleId = (a: SandboxRoleAssignment) => `${a.scope}${AUTH}roleAssignmentSchedules/${a.requestName ?? a.name}`;

/** ARM has a request by this name already: a PUT never makes a second one. */
export const requestExists = (name: string) =>
  // The code and wording of a third-party client's regression test for a retried PUT (AzureTray,
  // ArmPimClientConflictTests: "ARM answers 409 'a role assignment request with Id {guid} already exists'");
  // not confirmed in Microsoft's documentation.
  armError(409, 'RoleAssignmentRequestExists', `A role assignment request with Id: ${name} already exists.`);

/** An object without its undefined fields, as ARM leaves out what a resource does not have. */
export const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** What every schedule request shows, assignment or eligibility alike; each kind adds its own targets. */
export function requestProperties(c: Caller, r: SandboxAssignmentRequest, own: Record<string, unknown>) {
  return defined({
    scope: r.scope,
    roleDefinitionId: scopedRoleId(subscriptionOf(r.scope), r.roleDefinitionId),
    principalId: r.principalId,
    principalType: 'User',
    requestType: r.requestType,
    status: r.status,
    scheduleInfo: r.scheduleInfo,
    ...own,
    justification: r.justification,
    ticketInfo: r.ticketInfo,
    createdOn: r.createdOn,
    requestorId: r.requestorId,
    expandedProperties: expanded(c, r.scope, r.principalId, r.roleDefinitionId),
  });
}

/** The request as ARM shows it. */
export function requestResource(c: Caller, r: SandboxAssignmentRequest) {
  const made = c.azure.roleAssignments.find((a) => a.name === r.assignmentName);
  return {
    id: `${r.scope}${AUTH}roleAssignmentScheduleRequests/${r.name}`,
    name: r.name,
    type: 'Microsoft.Authorization/RoleAssignmentScheduleRequests',
    properties: requestProperties(c, r, {
      approvalId: r.approvalId,
      targetRoleAssignmentScheduleId: made && scheduleId(made),
      targetRoleAssignmentScheduleInstanceId: made && `${made.scope}${AUTH}roleAssignmentScheduleInstances/${made.name}`,
      linkedRoleEligibilityScheduleId: r.linkedRoleEligibilityScheduleId,
    }),
  };
}

/**
 * Makes the assignment a request asked for, from its start or from `notBefore` (an approval given later), for the
 * duration it asked. A start still ahead is a scheduled activation: ARM answers `Granted` for it (a live run,
 * Omnicit.PIM live checklist 3.5, 2026-10-09: "Status: Granted ... for a start three minutes ahead").
 */
export function provision(azure: SandboxAzure, r: SandboxAssignmentRequest, type: 'Activated' | 'Assigned', notBefore = 0) {
  const asked = readSchedule(r.scheduleInfo);
  if ('status' in asked) throw new Error(`request ${r.name} was taken with a schedule it cannot have`);
  const askedStart = Date.parse(asked.start);
  const start = Math.max(askedStart, notBefore);
  const end =
    asked.end === null
      ? null
      : r.scheduleInfo?.expiration?.type === 'AfterDateTime'
        ? Date.parse(asked.end)
        : start + (Date.parse(asked.end) - askedStart);
  const assignment: SandboxRoleAssignment = {
    name: randomUUID(),
    scope: r.scope,
    principalId: r.principalId,
    principalType: 'User',
    roleDefinitionId: r.roleDefinitionId,
    createdOn: new Date().toISOString(),
    startDateTime: new Date(start).toISOString(),
    ...(end === null ? {} : { endDateTime: new Date(end).toISOString() }),
    assignmentType: type,
    requestName: r.name,
    ...(r.linkedRoleEligibilityScheduleId
      ? { linkedEligibilityName: r.linkedRoleEligibilityScheduleId.split('/').pop() ?? '' }
      : {}),
  };
  azure.roleAssignments.push(assignment);
  r.assignmentName = assignment.name;
  r.status = start <= Date.now() ? 'Provisioned' : 'Granted';
}

/** An approver said yes (the sandbox's control API stands in for them): the activation holds from now. */
export function approveRequest(azure: SandboxAzure, name: string): SandboxAssignmentRequest | string {
  const r = findRequest(azure, name);
  if (!r) return `no PIM request ${name}`;
  if (r.status !== 'PendingApproval') return `request ${name} is ${r.status}, not PendingApproval`;
  provision(azure, r, 'Activated', Date.now());
  return r;
}

/**
 * No request by this name at this scope. Code from PIM's request API (Graph governanceRoleAssignmentRequest:
 * "RoleAssignmentRequestNotFound"); ARM's own code for an unknown name is unverified, and is taken for eligibility
 * requests too. 404 as ARM answers for a resource it does not have.
 */
export const requestNotFound = (name: string) =>
  armError(404, 'RoleAssignmentRequestNotFound', `The role assignment request '${name}' does not exist.`);

/** GET of one request by name, for a client that lost the answer to its PUT. */
export function getRequest(c: Caller, scope: string, name: string): ApiResponse {
  const r = findRequest(c.azure, name);
  if (!r || r.scope.toLowerCase() !== scope.toLowerCase()) return requestNotFound(name);
  const own = r.principalId === c.token.userId || r.requestorId === c.token.userId;
  const action = 'Microsoft.Authorization/roleAssignmentScheduleRequests/read';
  if (!own && !mayDo(c, scope, action)) return refusal(c, action, scope);
  return { status: 200, body: requestResource(c, r) };
}
