import type { ApiResponse } from '../api.ts';
import { recordAudit, userTarget } from '../audit.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import { badRequest, insufficientPrivileges } from './errors.ts';
import { syncDynamicGroups } from './groups.ts';

const ISO_COUNTRY = /^[A-Z]{2}$/;
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
/** Roles that may delete users (learn: user-delete): User and Privileged Authentication Administrator, and above. */
const DELETERS = new Set([GLOBAL_ADMIN, 'fe930be7-5e62-47db-91af-98c3a49a38b1', '7be44c8a-adaf-4e2a-84d6-ab2649e08a13']);
/** Entra keeps a deleted user 30 days, then deletes them for good (learn: directory-deleteditems-restore). */
export const RESTORABLE_MS = 30 * 24 * 3600 * 1000;

/**
 * Who may delete or restore a user (learn: user-delete, directory-deleteditems-restore): not oneself; a User or
 * Privileged Authentication Administrator, or above; a user with an admin role only a Global Administrator.
 */
export function mayDeleteOrRestore(by: SandboxUser, user: SandboxUser): boolean {
  if (user.id === by.id || !by.directoryRoles.some((r) => DELETERS.has(r))) return false;
  return !user.directoryRoles.length || by.directoryRoles.includes(GLOBAL_ADMIN);
}

const invalid = (p: string) => badRequest(`Invalid value specified for property '${p}' of resource 'User'.`);

interface UserPatch {
  usageLocation?: unknown;
  userType?: unknown;
  displayName?: unknown;
  givenName?: unknown;
  surname?: unknown;
  accountEnabled?: unknown;
}

const WRITABLE = ['usageLocation', 'userType', 'displayName', 'givenName', 'surname', 'accountEnabled'];

/**
 * `PATCH /users/{id}` (learn: user-update) for the properties granting access needs: usageLocation (before a
 * licence), userType (guest ↔ member), displayName, and accountEnabled (an inactive guest disabled, and back). 204, and an "Update user" entry whose modified properties
 * carry old and new values as JSON arrays, the way Entra writes them (e.g. `["Guest"]` → `["Member"]`).
 */
export function updateUser(tenant: SandboxTenant, by: SandboxUser, user: SandboxUser, patch: UserPatch): ApiResponse {
  const keys = Object.keys(patch) as (keyof UserPatch)[];
  if (keys.some((k) => !WRITABLE.includes(k))) {
    return badRequest(`The sandbox can change ${WRITABLE.join(', ')} only.`);
  }
  if ('accountEnabled' in patch && typeof patch.accountEnabled !== 'boolean') return invalid('accountEnabled');
  // Names up to 64 characters (learn: user resource, givenName and surname).
  for (const k of ['givenName', 'surname'] as const)
    if (k in patch && (typeof patch[k] !== 'string' || (patch[k] as string).length > 64)) return invalid(k);
  if ('usageLocation' in patch && (typeof patch.usageLocation !== 'string' || !ISO_COUNTRY.test(patch.usageLocation))) {
    return invalid('usageLocation');
  }
  if ('userType' in patch && patch.userType !== 'Member' && patch.userType !== 'Guest') return invalid('userType');
  if ('displayName' in patch && (typeof patch.displayName !== 'string' || !patch.displayName.trim())) {
    return invalid('displayName');
  }
  const changed = keys.filter((k) => (user[k] ?? (k === 'accountEnabled' ? true : undefined)) !== patch[k]);
  const modified = changed.map((k) => ({
    displayName: k[0]?.toUpperCase() + k.slice(1),
    oldValue: JSON.stringify([user[k] ?? (k === 'accountEnabled' ? true : null)]),
    newValue: JSON.stringify([patch[k]]),
  }));
  Object.assign(user, patch);
  syncDynamicGroups(tenant);
  if (modified.length) updateAudit(tenant, by, user, modified);
  return { status: 204 };
}

/** Entra's "Update user" entry: the properties changed, old and new, and their names in "Included Updated Properties". */
export function updateAudit(
  tenant: SandboxTenant,
  by: SandboxUser,
  user: SandboxUser,
  modified: { displayName: string; oldValue: string | null; newValue: string | null }[],
): void {
  const names = modified.map((m) => m.displayName).join(', ');
  recordAudit(tenant, by, {
    category: 'UserManagement',
    activityDisplayName: 'Update user',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    targetResources: [
      {
        ...userTarget(user),
        modifiedProperties: [...modified, { displayName: 'Included Updated Properties', oldValue: null, newValue: `"${names}"` }],
      },
    ],
  });
}

/**
 * `DELETE /users/{id}` (learn: user-delete): 204. The user moves to the tenant's deleted users, restorable for 30
 * days with their group memberships; they leave every group, and the guests they sponsored lose them as sponsor.
 * Deleting oneself is refused: Graph's answer to that is not documented (a Graph docs reviewer: "you shouldn't be
 * able to delete yourself", microsoft-graph-docs PR 602), so the sandbox gives its usual 403.
 */
export function deleteUser(tenant: SandboxTenant, by: SandboxUser, user: SandboxUser): ApiResponse {
  // A user with an admin role takes a higher admin to delete (learn: user-delete, "Who can perform sensitive actions").
  if (!mayDeleteOrRestore(by, user)) return insufficientPrivileges();
  const now = Date.now();
  const memberOf = tenant.groups.filter((g) => g.members.includes(user.id)).map((g) => g.id);
  const ownerOf = tenant.groups.filter((g) => g.owners.includes(user.id)).map((g) => g.id);
  const sponsorOf = tenant.users.filter((u) => (u.sponsors ?? []).includes(user.id)).map((u) => u.id);
  for (const g of tenant.groups) {
    g.members = g.members.filter((m) => m !== user.id);
    g.owners = g.owners.filter((o) => o !== user.id);
  }
  for (const u of tenant.users) if (u.sponsors) u.sponsors = u.sponsors.filter((s) => s !== user.id);
  tenant.users = tenant.users.filter((u) => u.id !== user.id);
  tenant.deletedUsers = [
    ...(tenant.deletedUsers ?? []).filter((d) => now - Date.parse(d.deletedDateTime) < RESTORABLE_MS),
    { user, deletedDateTime: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'), memberOf, ownerOf, sponsorOf },
  ];
  syncDynamicGroups(tenant);
  recordAudit(tenant, by, {
    category: 'UserManagement',
    activityDisplayName: 'Delete user',
    loggedByService: 'Core Directory',
    operationType: 'Delete',
    targetResources: [userTarget(user)],
  });
  return { status: 204 };
}
