import type { ApiResponse } from '../api.ts';
import type { SandboxTenant, Store } from '../store.ts';
import type { Caller } from './caller.ts';
import { holdsNow } from './schedules.ts';

function tenantResource(t: SandboxTenant, home: boolean) {
  return {
    id: `/tenants/${t.id}`,
    tenantId: t.id,
    tenantCategory: home ? 'Home' : 'ProjectedBy',
    countryCode: 'GB',
    displayName: t.displayName,
    domains: t.verifiedDomains,
    // The initial (onmicrosoft.com) domain stays the default until an admin picks another; the sandbox has no such pick.
    defaultDomain: t.initialDomain,
    tenantType: 'AAD',
  };
}

/**
 * GET /tenants: every directory the signed-in person is in. A guest's home account is the member elsewhere whose
 * sign-in name is the guest's address; that person is also in every tenant holding a guest with that address,
 * unless the invitation there is still unredeemed.
 */
export function listTenants(c: Caller, store: Store): ApiResponse {
  const user = c.tenant.users.find((u) => u.id === c.token.userId);
  const home = user && (user.userType === 'Member' ? { tenant: c.tenant, user } : store.homeOf(c.tenant, user));
  const address = (home?.user.userPrincipalName ?? user?.mail ?? '').toLowerCase();
  const value = store.state.tenants
    .filter(
      (t) =>
        t.id === c.tenant.id ||
        t.id === home?.tenant.id ||
        t.users.some(
          (u) => u.userType === 'Guest' && u.mail?.toLowerCase() === address && u.externalUserState !== 'PendingAcceptance',
        ),
    )
    .map((t) => tenantResource(t, t.id === home?.tenant.id));
  return { status: 200, body: { value } };
}

/** GET /subscriptions: those of the token's tenant where the caller holds a role now, on it or anywhere below it. */
export function listSubscriptions(c: Caller): ApiResponse {
  const value = c.azure.subscriptions
    .filter((s) =>
      c.azure.roleAssignments.some(
        (a) =>
          a.principalId === c.token.userId &&
          holdsNow(a) &&
          `${a.scope.toLowerCase()}/`.startsWith(`/subscriptions/${s.subscriptionId.toLowerCase()}/`),
      ),
    )
    .map((s) => subscriptionResource(s, c.tenant.id));
  return { status: 200, body: { value } };
}

export function subscriptionResource(s: { subscriptionId: string; displayName: string }, tenantId: string) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    authorizationSource: 'RoleBased',
    managedByTenants: [],
  };
}
