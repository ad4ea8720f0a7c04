import type { ApiResponse } from '../api.ts';
import { recordAudit, userTarget } from '../audit.ts';
import type { SandboxGroup, SandboxTenant, SandboxUser } from '../store.ts';
import { badRequest, insufficientPrivileges, notFound } from './errors.ts';
import { groupTarget, isDynamic } from './groups.ts';

/** The id in `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}` (or `/users/{id}`). */
export function referencedId(body: unknown): string | undefined {
  const ref = (body as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
  return typeof ref === 'string' ? /\/(?:directoryObjects|users)\/([0-9a-f-]{36})$/i.exec(ref)?.[1]?.toLowerCase() : undefined;
}

/**
 * Graph refuses to change a dynamic group's members by hand ("You can't manually add or remove a member of a dynamic
 * membership group", learn: groups-dynamic-membership). Microsoft's support article on this 403 lists it among the
 * causes of `Authorization_RequestDenied` "Insufficient privileges to complete the operation." (SupportArticles-docs:
 * entra-id/users-groups-entra-apis/authorization-requestdenied-403-error-add-user-group), so the sandbox answers that.
 */
const dynamicRefusal = (g: SandboxGroup) => (isDynamic(g) ? insufficientPrivileges() : null);

/** The change an "Add/Remove member from group" entry records on its user target (Entra's wording, unverified). */
function membershipAudit(tenant: SandboxTenant, by: SandboxUser, g: SandboxGroup, user: SandboxUser, add: boolean) {
  const value = (v: string) => (add ? { oldValue: null, newValue: `"${v}"` } : { oldValue: `"${v}"`, newValue: null });
  recordAudit(tenant, by, {
    category: 'GroupManagement',
    activityDisplayName: add ? 'Add member to group' : 'Remove member from group',
    loggedByService: 'Core Directory',
    operationType: add ? 'Assign' : 'Unassign',
    targetResources: [
      {
        ...userTarget(user),
        modifiedProperties: [
          { displayName: 'Group.ObjectID', ...value(g.id) },
          { displayName: 'Group.DisplayName', ...value(g.displayName) },
        ],
      },
      groupTarget(g),
    ],
  });
}

/** `POST /groups/{id}/members/$ref` (learn: group-post-members). */
export function addMember(tenant: SandboxTenant, by: SandboxUser, group: SandboxGroup, body: unknown): ApiResponse {
  const id = referencedId(body);
  if (!id) return badRequest("The '@odata.id' of the member must name a directory object.");
  const user = tenant.users.find((u) => u.id === id);
  if (!user) return notFound(id);
  const refused = dynamicRefusal(group);
  if (refused) return refused;
  if (group.members.includes(id)) {
    return badRequest("One or more added object references already exist for the following modified properties: 'members'.");
  }
  group.members.push(id);
  membershipAudit(tenant, by, group, user, true);
  return { status: 204 };
}

/** `DELETE /groups/{id}/members/{id}/$ref` (learn: group-delete-members): 404 for one who is not a member. */
export function removeMember(tenant: SandboxTenant, by: SandboxUser, group: SandboxGroup, memberId: string): ApiResponse {
  const id = decodeURIComponent(memberId).toLowerCase();
  const refused = dynamicRefusal(group);
  if (refused) return refused;
  const user = tenant.users.find((u) => u.id === id);
  if (!user || !group.members.includes(id)) return notFound(id);
  group.members = group.members.filter((m) => m !== id);
  membershipAudit(tenant, by, group, user, false);
  return { status: 204 };
}
