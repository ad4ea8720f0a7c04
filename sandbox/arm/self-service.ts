import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { Faults } from '../faults.ts';
import type { SandboxAssignmentRequest, SandboxEligibility } from '../store.ts';
import { AUTH, ancestors, armError, type Caller, refusal } from './caller.ts';
import { auditPim, type PimActivity } from './pim-audit.ts';
import { effectivePolicy } from './policies.ts';
import { findRequest, provision, type RequestBody, requestExists, requestResource, requestsOf } from './requests.ts';
import { holdsNow, readSchedule } from './schedules.ts';
import { acrsChallenge, policyFailure, ruleFailures } from './self-service-rules.ts';

/** The caller's current eligibility that `linkedRoleEligibilityScheduleId` names, for this role, covering this scope. */
function linkedEligibility(
  c: Caller,
  scope: string,
  roleGuid: string,
  linked: string | undefined,
): SandboxEligibility | undefined {
  const m = /^(.*)\/providers\/Microsoft\.Authorization\/roleEligibilitySchedules\/([^/]+)$/i.exec(linked ?? '');
  const now = Date.now();
  return c.azure.eligibilitySchedules.find(
    (e) =>
      !!m &&
      e.name.toLowerCase() === m[2]?.toLowerCase() &&
      e.scope.toLowerCase() === m[1]?.toLowerCase() &&
      e.principalId === c.token.userId &&
      e.roleDefinitionId.toLowerCase() === roleGuid &&
      ancestors(scope).includes(e.scope.toLowerCase()) &&
      Date.parse(e.startDateTime) <= now &&
      (!e.endDateTime || Date.parse(e.endDateTime) > now),
  );
}

const sameRole =
  (c: Caller, scope: string, roleGuid: string) => (a: { scope: string; principalId: string; roleDefinitionId: string }) =>
    a.scope.toLowerCase() === scope.toLowerCase() &&
    a.principalId === c.token.userId &&
    a.roleDefinitionId.toLowerCase() === roleGuid;

/** What PIM logs for an activation, by how it ended up (pim-audit.ts). */
const ACTIVATION_ACTIVITY: Record<SandboxAssignmentRequest['status'], PimActivity> = {
  Provisioned: 'Add member to role completed (PIM activation)',
  Granted: 'Add member to role requested (PIM activation)',
  PendingApproval: 'Add member to role approval requested (PIM activation)',
  Revoked: 'Remove member from role completed (PIM deactivate)',
};

/** SelfActivate: the caller turns one of their eligibilities into an active assignment, as its policy allows. */
function activate(c: Caller, scope: string, name: string, body: RequestBody, roleGuid: string): ApiResponse {
  const p = body.properties ?? {};
  const eligibility = linkedEligibility(c, scope, roleGuid, p.linkedRoleEligibilityScheduleId);
  // learn.microsoft.com/rest/api/authorization (privileged-role-common-errors): EligibilityRule, "A valid
  // RoleEligibilityScheduleInstance doesn't exist to activate this role". Reason text unverified.
  if (!eligibility) return policyFailure(['EligibilityRule - No valid eligibility exists to activate this role']);
  const schedule = readSchedule(p.scheduleInfo);
  if ('status' in schedule) return schedule;
  const policy = effectivePolicy(c.azure, scope, roleGuid);
  const asked = schedule.end === null ? null : Date.parse(schedule.end) - Date.parse(schedule.start);
  const failures = ruleFailures(policy, asked, p.justification, p.ticketInfo?.ticketNumber);
  if (failures.length) return policyFailure(failures);
  if (policy.authenticationContext && !c.token.acrs.includes(policy.authenticationContext)) {
    return acrsChallenge(policy.authenticationContext);
  }
  const same = sameRole(c, scope, roleGuid);
  if (c.azure.roleAssignments.some((a) => same(a) && (holdsNow(a) || Date.parse(a.startDateTime ?? '') > Date.now()))) {
    // learn.microsoft.com/rest/api/authorization (privileged-role-common-errors); the same answer a live run met for
    // an activation already active (Omnicit.PIM live checklist 3.9, 2026-10-09).
    return armError(400, 'RoleAssignmentExists', 'The Role assignment already exists.');
  }
  if (requestsOf(c.azure).some((r) => same(r) && r.status === 'PendingApproval')) {
    // The code PIM documents for a request already waiting (Graph governanceRoleAssignmentRequest error codes: 400
    // PendingRoleAssignmentRequest); third-party ARM clients handle the same code on this PUT.
    return armError(400, 'PendingRoleAssignmentRequest', 'There already exists a pending role assignment request in the system.');
  }
  const request: SandboxAssignmentRequest = {
    name,
    scope,
    principalId: c.token.userId,
    roleDefinitionId: roleGuid,
    requestType: 'SelfActivate',
    status: 'PendingApproval',
    requestorId: c.token.userId,
    createdOn: new Date().toISOString(),
    scheduleInfo: { ...p.scheduleInfo, startDateTime: schedule.start },
    linkedRoleEligibilityScheduleId: `${eligibility.scope}${AUTH}roleEligibilitySchedules/${eligibility.name}`,
    ...(p.justification ? { justification: p.justification } : {}),
    ...(p.ticketInfo ? { ticketInfo: p.ticketInfo } : {}),
  };
  if (policy.approvalRequired) request.approvalId = `/providers/Microsoft.Authorization/roleAssignmentApprovals/${randomUUID()}`;
  else provision(c.azure, request, 'Activated');
  requestsOf(c.azure).push(request);
  const made = c.azure.roleAssignments.find((a) => a.name === request.assignmentName);
  auditPim(c, ACTIVATION_ACTIVITY[request.status], { ...request, start: made?.startDateTime, end: made?.endDateTime });
  return { status: 201, body: requestResource(c, request) };
}

/** SelfDeactivate: the caller ends their own activation of the role at this scope, now. */
function deactivate(c: Caller, faults: Faults, scope: string, name: string, body: RequestBody, roleGuid: string): ApiResponse {
  const same = sameRole(c, scope, roleGuid);
  const active = c.azure.roleAssignments.find((a) => same(a) && a.assignmentType === 'Activated' && holdsNow(a));
  if (!active) {
    // The code and message a live run met deactivating what was not (yet) active (Omnicit.PIM live checklist 3.4).
    return armError(400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
  }
  if (Date.now() - Date.parse(active.startDateTime ?? active.createdOn) < faults.minimumActiveSeconds * 1000) {
    // ARM's own answer, its spelling included, recorded live 2026-10-09 (Omnicit.PIM live checklist 3.4: "The Active
    // duration is too short. Miniumum Required is 5 minutes.").
    return armError(400, 'ActiveDurationTooShort', 'The Active duration is too short. Miniumum Required is 5 minutes.');
  }
  const now = new Date().toISOString();
  active.endDateTime = now;
  const p = body.properties ?? {};
  const request: SandboxAssignmentRequest = {
    name,
    scope,
    principalId: c.token.userId,
    roleDefinitionId: roleGuid,
    requestType: 'SelfDeactivate',
    // "Revoked": what ARM answers a completed self-deactivation (Omnicit.PIM live checklist 3.7).
    status: 'Revoked',
    requestorId: c.token.userId,
    createdOn: now,
    assignmentName: active.name,
    ...(p.justification ? { justification: p.justification } : {}),
  };
  requestsOf(c.azure).push(request);
  auditPim(c, 'Remove member from role completed (PIM deactivate)', request);
  return { status: 201, body: requestResource(c, request) };
}

/** A person's own schedule request: SelfActivate or SelfDeactivate, for themselves only. */
export function selfRequest(c: Caller, faults: Faults, scope: string, name: string, body: RequestBody): ApiResponse {
  const p = body.properties ?? {};
  const roleGuid = p.roleDefinitionId?.split('/').pop()?.toLowerCase() ?? '';
  if (p.principalId !== c.token.userId) {
    return refusal(c, 'Microsoft.Authorization/roleAssignmentScheduleRequests/write', scope);
  }
  if (findRequest(c.azure, name)) return requestExists(name);
  return p.requestType === 'SelfDeactivate'
    ? deactivate(c, faults, scope, name, body, roleGuid)
    : activate(c, scope, name, body, roleGuid);
}
