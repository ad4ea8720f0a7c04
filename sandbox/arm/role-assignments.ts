import type { ApiResponse } from '../api.ts';
import { assignmentResource } from './admin-requests.ts';
import { ancestors, armError, type Caller, mayDo, refusal, related } from './caller.ts';
import { principalMatcher, readFilter } from './filters.ts';
import { holdsNow } from './schedules.ts';

/**
 * RBAC role assignments at a scope, as Role Assignments - List For Scope answers: without a filter those at, above
 * and below the scope; `atScope()` at and above only; `principalId eq '{id}'` or `assignedTo('{id}')` narrows either
 * to that principal (assignedTo: with the user's groups). A PIM schedule holds an RBAC assignment only while active.
 */
export function listRoleAssignments(c: Caller, scope: string, filter: string, subscriptionId: string): ApiResponse {
  const f = readFilter(filter);
  const who = principalMatcher(c, f);
  const above = new Set(ancestors(scope));
  const value = c.azure.roleAssignments
    .filter((a) => holdsNow(a) && who(a.principalId))
    .filter((a) => (f.atScope ? above.has(a.scope.toLowerCase()) : related(a.scope, scope)))
    .map((a) => assignmentResource(a, subscriptionId));
  return { status: 200, body: { value } };
}

/**
 * Role Assignments - Get (learn: rest/api/authorization/role-assignments/get): the assignment by its name at its scope,
 * else 404 RoleAssignmentNotFound. Like the listing here, it does not check roleAssignments/read (every seeded reader has it).
 */
export function getRoleAssignment(c: Caller, scope: string, name: string, subscriptionId: string): ApiResponse {
  const found = c.azure.roleAssignments.find(
    (a) => a.name.toLowerCase() === name.toLowerCase() && a.scope.toLowerCase() === scope.toLowerCase() && holdsNow(a),
  );
  return found
    ? { status: 200, body: assignmentResource(found, subscriptionId) }
    : armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
}

/**
 * Role Assignments - Delete (learn: rest/api/authorization/role-assignments/delete): 200 with the assignment removed,
 * 204 when there is none by that name at that scope ("Role assignment was already deleted or does not exist"), so a
 * repeat is harmless; the caller needs roleAssignments/delete there, checked first as ARM authorizes before it looks.
 * An assignment PIM made (a time-bound one, an activation) is removed the same way: whether ARM refuses an RBAC
 * DELETE of a PIM-managed assignment is not in its documentation (which lists only 200 and 204), so it is allowed.
 * Plain RBAC: Azure's activity log records it, Entra's directory audit does not (pim-audit.ts).
 */
export function deleteRoleAssignment(c: Caller, scope: string, name: string, subscriptionId: string): ApiResponse {
  const action = 'Microsoft.Authorization/roleAssignments/delete';
  if (!mayDo(c, scope, action)) return refusal(c, action, scope);
  const at = c.azure.roleAssignments.findIndex(
    (a) => a.name.toLowerCase() === name.toLowerCase() && a.scope.toLowerCase() === scope.toLowerCase() && holdsNow(a),
  );
  const [gone] = at === -1 ? [] : c.azure.roleAssignments.splice(at, 1);
  return gone ? { status: 200, body: assignmentResource(gone, subscriptionId) } : { status: 204 };
}
