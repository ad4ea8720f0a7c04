import type { SandboxTenant, SandboxUser, SandboxWorkspace } from '../store.ts';

/** Workspace roles, lowest first. */
export const RANK = ['Viewer', 'Contributor', 'Member', 'Admin'];

/** The names a user may be listed by in a workspace: their UPN, or (a guest added by address) their e-mail. */
export const namesOf = (user: SandboxUser) =>
  [user.userPrincipalName, user.mail].filter(Boolean).map((n) => String(n).toLowerCase());

/**
 * The user's role in a workspace: their own, or that of a group they are in, the highest of them ("a user who's in
 * several user groups with different roles gets the highest level of permission", learn: Power BI "Organize work in
 * workspaces", roles).
 */
export function role(ws: SandboxWorkspace, user: SandboxUser, tenant: SandboxTenant): string | undefined {
  const names = new Set(namesOf(user));
  // Only the groups this workspace names are asked about: a tenant of 3,000 groups and 320 workspaces would otherwise
  // have every group's members searched for every workspace listed.
  const inGroup = (id: string) => tenant.groups.find((g) => g.id.toLowerCase() === id)?.members.includes(user.id) === true;
  const held = ws.users
    .filter((u) => (u.principalType === 'User' ? names.has(u.identifier.toLowerCase()) : inGroup(u.identifier.toLowerCase())))
    .map((u) => u.groupUserAccessRight);
  return held.sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0];
}
