import type { ApiResponse } from '../api.ts';
import type { TokenInfo } from '../login.ts';
import type { SandboxAzure, SandboxTenant, SandboxUser } from '../store.ts';
import { roleAllows, roleIn, scopedRoleId, within } from './roles.ts';
import { holdsNow } from './schedules.ts';

export const AUTH = '/providers/Microsoft.Authorization/';

export const armError = (status: number, code: string, message: string, headers?: Record<string, string>): ApiResponse => ({
  status,
  body: { error: { code, message } },
  ...(headers ? { headers } : {}),
});

/** Who is calling ARM: the token, its tenant and that tenant's Azure. */
export interface Caller {
  token: TokenInfo;
  tenant: SandboxTenant;
  azure: SandboxAzure;
}

/** Scopes at or above `scope`: the resource, its resource group, its subscription (lower case). */
export function ancestors(scope: string): string[] {
  const parts = scope.split('/').filter(Boolean);
  const out: string[] = [];
  for (let n = 2; n <= parts.length; n += 2) out.push(`/${parts.slice(0, n).join('/')}`.toLowerCase());
  return out;
}

/** At, above or below: what a listing at `scope` shows without atScope(). */
export const related = (s: string, scope: string) => ancestors(scope).includes(s.toLowerCase()) || within(s, scope);

/** Whether the caller holds, now, a role at or above `scope` that allows `action`. */
export function mayDo(c: Caller, scope: string, action: string): boolean {
  const above = new Set(ancestors(scope));
  return c.azure.roleAssignments.some((a) => {
    const role = roleIn(c.azure, a.roleDefinitionId);
    return (
      holdsNow(a) && a.principalId === c.token.userId && above.has(a.scope.toLowerCase()) && !!role && roleAllows(role, action)
    );
  });
}

/** ARM's 403 for an action the caller may not perform at a scope. */
export const refusal = (c: Caller, action: string, scope: string) =>
  armError(
    403,
    'AuthorizationFailed',
    `The client '${c.token.userId}' with object id '${c.token.userId}' does not have authorization to perform action '${action}' over scope '${scope || '/'}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );

/** `expandedProperties.scope`: the subscription's display name, the resource group's or the resource's name. */
export function scopeDetails(azure: SandboxAzure, scope: string) {
  const parts = scope.split('/').filter(Boolean);
  const sub = azure.subscriptions.find((s) => s.subscriptionId === parts[1]?.toLowerCase());
  if (parts.length <= 2) return { id: scope, displayName: sub?.displayName ?? parts[1] ?? '', type: 'subscription' };
  if (parts.length <= 4) return { id: scope, displayName: parts[3] ?? '', type: 'resourcegroup' };
  return { id: scope, displayName: parts.at(-1) ?? '', type: 'resource' };
}

/** The subscription id of a scope, as role definition ids are shown under it. */
export const subscriptionOf = (scope: string) => scope.split('/').filter(Boolean)[1] ?? '';

export function principalDetails(user: SandboxUser | undefined, id: string) {
  return { id, displayName: user?.displayName ?? '', email: user?.mail ?? user?.userPrincipalName ?? '', type: 'User' };
}

export function roleDetails(azure: SandboxAzure, scope: string, guid: string) {
  const role = roleIn(azure, guid);
  return {
    id: scopedRoleId(subscriptionOf(scope), guid),
    displayName: role?.properties.roleName ?? '',
    type: role?.properties.type ?? 'BuiltInRole',
  };
}

/** What PIM adds to its schedules, requests and instances: who, which role, where. */
export function expanded(c: Caller, scope: string, principalId: string, roleGuid: string) {
  const group = c.tenant.groups.find((g) => g.id === principalId);
  return {
    // A group's grant names the group (its members reach the scope through it).
    principal: group
      ? { id: principalId, displayName: group.displayName, email: '', type: 'Group' }
      : principalDetails(
          c.tenant.users.find((u) => u.id === principalId),
          principalId,
        ),
    roleDefinition: roleDetails(c.azure, scope, roleGuid),
    scope: scopeDetails(c.azure, scope),
  };
}
