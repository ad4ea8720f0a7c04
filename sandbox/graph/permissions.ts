import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '../paths.ts';

interface PermissionFile {
  operations: Record<string, { DelegatedWork?: { permission: string }[] }>;
}

/** Graph's function that reads another organization by tenant id, as its Learn page writes the request. */
export const FIND_TENANT_BY_ID = "GET /tenantRelationships/findTenantInformationByTenantId(tenantId='{id}')";

const file = JSON.parse(readFileSync(join(contractsDir, 'graph', 'graph-permissions.json'), 'utf8')) as PermissionFile;

/**
 * Operations the permissions file does not list, with the delegated permissions their Learn pages give (least
 * privileged first; kibali's lists in microsoft-graph-devx-content permissions.json agree unless said):
 * - user-list-transitivememberof, "Permissions for the signed-in user's memberships" and for another user's;
 * - user-list-licensedetails;
 * - user-list-sponsors and user-post-sponsors (kibali lists the POST under /users/{id}/sponsors, without $ref);
 * - user-delete (Learn: User.ReadWrite.All; kibali adds User.DeleteRestore.All, least privileged);
 * - group-delete-members; group-list-transitivemembers; group-update, less the permissions that change other
 *   properties only (Group-NestingSupport.ReadWrite.All, Group-PreferredDataLocation.ReadWrite.All,
 *   Group.ManageProtection.All, which its table also lists);
 * - crosstenantaccesspolicyconfigurationpartner-get, and domain-list;
 * - directory-deleteditems-get and directory-deleteditems-restore, for users (Learn: User.ReadWrite.All to restore;
 *   kibali adds User.DeleteRestore.All, least privileged, as for user-delete);
 * - tenantrelationship-findtenantinformationbytenantid (CrossTenantInformation.ReadBasic.All, its only one);
 * - accessreviewset-list-definitions, accessreviewscheduledefinition-get, accessreviewscheduledefinition-list-instances,
 *   accessreviewinstance-list-decisions (AccessReview.Read.All, AccessReview.ReadWrite.All), and
 *   accessreviewset-post-definitions, accessreviewinstance-applydecisions (AccessReview.ReadWrite.All only).
 */
const MISSING: Record<string, string[]> = {
  'GET /me/transitiveMemberOf': ['User.Read', 'Directory.Read.All', 'Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'],
  'GET /me/licenseDetails': ['User.Read', 'Directory.Read.All', 'User.Read.All'],
  'GET /users/{user-id}/transitiveMemberOf': [
    'User.Read',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadBasic.All',
    'GroupMember.Read.All',
    'GroupMember.ReadBasic.All',
    'User.Read.All',
  ],
  'GET /users/{user-id}/sponsors': ['User.Read', 'User.Read.All', 'User.ReadWrite.All'],
  'POST /users/{user-id}/sponsors/$ref': ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  'DELETE /users/{user-id}': ['User.DeleteRestore.All', 'User.ReadWrite.All'],
  'DELETE /groups/{group-id}/members/{directoryObject-id}/$ref': [
    'GroupMember.ReadWrite.All',
    'Directory.ReadWrite.All',
    'Group.ReadWrite.All',
  ],
  'PATCH /groups/{group-id}': ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  'GET /groups/{group-id}/transitiveMembers': [
    'GroupMember.ReadBasic.All',
    'Directory.Read.All',
    'Group.Read.All',
    'Group.ReadBasic.All',
    'Group.ReadWrite.All',
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
  ],
  'GET /policies/crossTenantAccessPolicy/partners/{crossTenantAccessPolicyConfigurationPartner-tenantId}': [
    'Policy.Read.All',
    'Policy.ReadWrite.CrossTenantAccess',
  ],
  'GET /domains': ['Domain.Read.All', 'Directory.Read.All', 'Domain.ReadWrite.All'],
  'GET /directory/deletedItems/{directoryObject-id}': [
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  'POST /directory/deletedItems/{directoryObject-id}/restore': ['User.DeleteRestore.All', 'User.ReadWrite.All'],
  [FIND_TENANT_BY_ID]: ['CrossTenantInformation.ReadBasic.All'],
  ...accessReviewPermissions(),
};

/** The access review operations of sandbox/graph/access-reviews.ts and the permissions their Learn pages list. */
function accessReviewPermissions(): Record<string, string[]> {
  const read = ['AccessReview.Read.All', 'AccessReview.ReadWrite.All'];
  const write = ['AccessReview.ReadWrite.All'];
  const def = '/identityGovernance/accessReviews/definitions';
  const one = `${def}/{accessReviewScheduleDefinition-id}`;
  const instance = `${one}/instances/{accessReviewInstance-id}`;
  return {
    [`GET ${def}`]: read,
    [`POST ${def}`]: write,
    [`GET ${one}`]: read,
    [`GET ${one}/instances`]: read,
    [`GET ${instance}`]: read,
    [`GET ${instance}/decisions`]: read,
    [`POST ${instance}/applyDecisions`]: write,
  };
}

/** True when one of the token's delegated scopes is listed for the operation (e.g. `POST /invitations`). */
export function scopeAllows(operation: string, tokenScopes: string[]): boolean {
  const accepted = file.operations[operation]?.DelegatedWork?.map((p) => p.permission) ?? MISSING[operation] ?? [];
  if (accepted.length === 0) throw new Error(`no permissions recorded for ${operation}`);
  const held = tokenScopes.map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
  return held.some((s) => accepted.includes(s));
}
