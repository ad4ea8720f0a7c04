import type { ApiResponse } from '../api.ts';
import type { SandboxAssignmentRequest } from '../store.ts';
import { armError, type Caller, mayDo, refusal } from './caller.ts';
import { eligibilityRequestResource, eligibilityRequestsOf, findEligibilityRequest } from './eligibility-requests.ts';
import { auditPim, span } from './pim-audit.ts';
import { findRequest, type RequestBody, requestExists, requestResource, requestsOf } from './requests.ts';
import { holdsNow } from './schedules.ts';

export type ScheduleRequestKind = 'roleEligibilityScheduleRequests' | 'roleAssignmentScheduleRequests';

/**
 * Nothing of this role for this principal at this scope to remove. RoleAssignmentDoesNotExist, 400, is the code PIM
 * documents for a request on an assignment it does not have, eligible and active alike (learn: Graph
 * governanceRoleAssignmentRequest "Create", error codes), and the answer a live run met ending what was not active
 * (self-service.ts). Not verified against ARM for AdminRemove itself; 'RoleEligibilityScheduleDoesNotExist', which
 * some third-party PIM clients also match, is in none of Microsoft's pages found, so it is not used.
 */
const nothingToRemove = () => armError(400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');

/**
 * AdminRemove: an administrator takes an eligibility (roleEligibilityScheduleRequests) or an active assignment,
 * time-bound or permanent (roleAssignmentScheduleRequests), away from a principal at exactly this scope, by a PUT
 * naming principalId and roleDefinitionId (learn: privileged-role-eligibility-rest-sample and
 * privileged-role-assignment-rest-sample). Done at once: the request answers Revoked, as PIM answers a removal
 * (learn: entra pim-how-to-add-role-to-user, "Remove eligible assignment via API": "status": "Revoked"), and stays
 * readable by its name. What was removed ends now; a schedule still ahead is removed before it starts.
 */
export function adminRemove(c: Caller, kind: ScheduleRequestKind, scope: string, name: string, body: RequestBody): ApiResponse {
  const p = body.properties ?? {};
  const roleGuid = p.roleDefinitionId?.split('/').pop()?.toLowerCase() ?? '';
  const principalId = p.principalId?.toLowerCase() ?? '';
  if (!mayDo(c, scope, 'Microsoft.Authorization/roleAssignments/write')) {
    return refusal(c, `Microsoft.Authorization/${kind}/write`, scope);
  }
  const eligible = kind === 'roleEligibilityScheduleRequests';
  // Before anything else: a PUT sent again under the same name must not remove a second time.
  if ((eligible ? findEligibilityRequest : findRequest)(c.azure, name)) return requestExists(name);
  const same = (a: { scope: string; principalId: string; roleDefinitionId: string }) =>
    a.scope.toLowerCase() === scope.toLowerCase() &&
    a.principalId.toLowerCase() === principalId &&
    a.roleDefinitionId.toLowerCase() === roleGuid;
  const now = Date.now();
  const ahead = (start: string | undefined) => !!start && Date.parse(start) > now;
  const removed = eligible
    ? c.azure.eligibilitySchedules.filter((e) => same(e) && (!e.endDateTime || Date.parse(e.endDateTime) > now))
    : c.azure.roleAssignments.filter((a) => same(a) && (holdsNow(a, now) || ahead(a.startDateTime)));
  const [first] = removed;
  if (!first) return nothingToRemove();
  const wasBound = span(first.endDateTime);
  const ended = new Date(now).toISOString();
  // Ended rather than dropped, as SelfDeactivate ends an activation: the request still names what it removed.
  // An activation made from a removed eligibility is left to its own AdminRemove (unverified whether PIM ends it).
  for (const x of removed) x.endDateTime = ended;
  const request: SandboxAssignmentRequest = {
    name,
    scope,
    principalId: first.principalId,
    roleDefinitionId: roleGuid,
    requestType: 'AdminRemove',
    status: 'Revoked',
    requestorId: c.token.userId,
    createdOn: ended,
    assignmentName: first.name,
    ...(p.justification ? { justification: p.justification } : {}),
  };
  (eligible ? eligibilityRequestsOf : requestsOf)(c.azure).push(request);
  auditPim(
    c,
    eligible
      ? `Remove eligible member from role in PIM completed (${wasBound})`
      : `Remove member from role in PIM completed (${wasBound})`,
    request,
  );
  return { status: 201, body: eligible ? eligibilityRequestResource(c, request) : requestResource(c, request) };
}
