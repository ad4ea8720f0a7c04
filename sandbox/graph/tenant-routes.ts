import type { ApiResponse } from '../api.ts';
import type { SandboxTenant } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { insufficientPrivileges } from './errors.ts';
import { compileFilter, project } from './odata.ts';
import { page, WHOLE_PAGE } from './paging.ts';

/** The tenant's default domain: its first custom verified domain, else the initial one. */
const defaultDomain = (t: SandboxTenant) => t.verifiedDomains.find((d) => d !== t.initialDomain) ?? t.initialDomain;

function authorizationPolicy(t: SandboxTenant): Record<string, unknown> {
  const p = t.authorizationPolicy;
  return {
    id: 'authorizationPolicy',
    displayName: 'Authorization Policy',
    description: 'Used to manage authorization related settings across the company.',
    allowInvitesFrom: p.allowInvitesFrom,
    allowedToSignUpEmailBasedSubscriptions: true,
    allowedToUseSSPR: true,
    allowEmailVerifiedUsersToJoinOrganization: false,
    blockMsolPowerShell: false,
    guestUserRoleId: p.guestUserRoleId,
    defaultUserRolePermissions: {
      allowedToCreateApps: true,
      allowedToCreateSecurityGroups: true,
      allowedToCreateTenants: true,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    },
  };
}

function organization(t: SandboxTenant): Record<string, unknown> {
  return {
    id: t.id,
    displayName: t.displayName,
    tenantType: 'AAD',
    // The sandbox's tenants are all registered in the Netherlands (the usage location a guest is offered).
    countryLetterCode: 'NL',
    verifiedDomains: t.verifiedDomains.map((name) => ({
      name,
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: name === defaultDomain(t),
      isInitial: name === t.initialDomain,
      type: 'Managed',
    })),
  };
}

/** A verified domain as Graph's domain resource (learn: domain-list; the sandbox's domains are all managed). */
function domain(t: SandboxTenant, name: string): Record<string, unknown> {
  return {
    id: name,
    authenticationType: 'Managed',
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: name === defaultDomain(t),
    isInitial: name === t.initialDomain,
    isRoot: true,
    isVerified: true,
    manufacturer: null,
    model: null,
    passwordNotificationWindowInDays: null,
    passwordValidityPeriodInDays: null,
    state: null,
    supportedServices: ['Email', 'OfficeCommunicationsOnline'],
  };
}

/** The organization, its authorization policy and its domains. Null: not mine. */
export function tenantRoute(c: GraphCall): ApiResponse | null {
  if (c.method !== 'GET') return null;
  const select = c.req.query.get('$select');
  const t = c.tenant;
  switch (c.path) {
    case '/policies/authorizationPolicy': {
      if (!c.allowed('GET /policies/authorizationPolicy')) return insufficientPrivileges();
      const policy = authorizationPolicy(t);
      return entity('policies/authorizationPolicy/$entity', project(policy, select, Object.keys(policy)));
    }
    case '/organization': {
      if (!c.allowed('GET /organization')) return insufficientPrivileges();
      const org = organization(t);
      return page(c, 'organization', [org], WHOLE_PAGE, { show: (r) => project(r, select, Object.keys(r), 'organization') });
    }
    case '/domains':
      if (!c.allowed('GET /domains')) return insufficientPrivileges();
      return page(
        c,
        'domains',
        t.verifiedDomains.map((d) => domain(t, d)).filter(compileFilter(c.req.query.get('$filter'))),
        WHOLE_PAGE,
        { show: (r) => project(r, select, Object.keys(r), 'domain') },
      );
    default:
      return null;
  }
}
