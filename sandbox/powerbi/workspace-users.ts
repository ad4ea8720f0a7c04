import type { ApiRequest, ApiResponse } from '../api.ts';
import type { SandboxTenant, SandboxWorkspace } from '../store.ts';
import { type Caller, denied, holds, type PowerBiDeps, page, powerBiError } from './caller.ts';
import { namesOf, role } from './workspace-role.ts';

type Entry = SandboxWorkspace['users'][number];

/**
 * One entry as Groups - Get Group Users lists it (GroupUser): identifier, principalType, groupUserAccessRight, and
 * the directory's displayName; emailAddress for a user. No graphId: the swagger keeps it for the admin APIs.
 */
export function groupUser(tenant: SandboxTenant, u: Entry) {
  const key = u.identifier.toLowerCase();
  const user = u.principalType === 'User' ? tenant.users.find((x) => namesOf(x).includes(key)) : undefined;
  const group = u.principalType === 'Group' ? tenant.groups.find((g) => g.id.toLowerCase() === key) : undefined;
  const displayName = user?.displayName ?? group?.displayName;
  return {
    identifier: u.identifier,
    principalType: u.principalType,
    groupUserAccessRight: u.groupUserAccessRight,
    ...(displayName ? { displayName } : {}),
    ...(u.principalType === 'User' ? { emailAddress: u.identifier } : {}),
  };
}

/**
 * Groups - Delete User In Group: `{user}` is the e-mail address (or UPN) of a user, or the object id of a group or
 * service principal (learn: Groups - Delete User In Group); a user's other name finds the same entry. Only a
 * workspace Admin may remove people (learn: Power BI workspace roles, "Add or remove people, including other
 * admins": Admin only). Someone with no role there: 404, as the retired reference's status table has it (learn:
 * "Delete group user", 200 / 403 / 404); its code is unverified. The last Admin is not removed ("This operation will
 * fail when trying to delete the last admin", same page): the code of that refusal is unknown, InvalidRequest is
 * the sandbox's stand-in.
 */
function deleteUser(c: Caller, deps: PowerBiDeps, ws: SandboxWorkspace, user: string): ApiResponse {
  if (role(ws, c.user, c.tenant) !== 'Admin') return powerBiError(401, 'PowerBINotAuthorizedException');
  let named: string;
  try {
    named = decodeURIComponent(user).toLowerCase();
  } catch {
    return powerBiError(400, 'InvalidRequest', 'The user is not a valid identifier.');
  }
  const person = c.tenant.users.find((u) => namesOf(u).includes(named));
  const names = new Set([named, ...(person ? namesOf(person) : [])]);
  const gone = ws.users.filter((u) => names.has(u.identifier.toLowerCase()));
  if (gone.length === 0) return powerBiError(404, 'PowerBIEntityNotFound', `${named} has no role in this workspace.`);
  const kept = ws.users.filter((u) => !gone.includes(u));
  if (!kept.some((u) => u.groupUserAccessRight === 'Admin')) {
    return powerBiError(400, 'InvalidRequest', 'The last admin of a workspace cannot be removed.');
  }
  ws.users = kept;
  deps.store.save();
  return { status: 200 };
}

/** GET or DELETE on `/groups/{groupId}/users[/{user}]` of a workspace the caller can see (`ws`) or not. */
export function workspaceUsers(
  req: ApiRequest,
  c: Caller,
  deps: PowerBiDeps,
  ws: SandboxWorkspace | undefined,
  user: string | undefined,
): ApiResponse | undefined {
  if (req.method === 'DELETE' && user) {
    if (!holds(c, 'Groups_DeleteUserInGroup')) return denied();
    return ws ? deleteUser(c, deps, ws, user) : powerBiError(404, 'PowerBIEntityNotFound');
  }
  if (req.method !== 'GET' || user) return undefined;
  if (!holds(c, 'Groups_GetGroupUsers')) return denied();
  if (!ws) return powerBiError(404, 'PowerBIEntityNotFound');
  // Who may read the access list is not in the reference; the service shows "Manage access" to Admins and Members
  // only (learn: fabric "Give users access to workspaces"), and the sandbox answers the list to them alone.
  const access = role(ws, c.user, c.tenant);
  if (access !== 'Admin' && access !== 'Member') return powerBiError(401, 'PowerBINotAuthorizedException');
  return { status: 200, body: { value: page(ws.users, req.query, deps.faults).map((u) => groupUser(c.tenant, u)) } };
}
