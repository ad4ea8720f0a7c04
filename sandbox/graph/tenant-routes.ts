import type { ApiResponse } from '../api.ts';
import type { SandboxTenant } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { graphError, insufficientPrivileges } from './errors.ts';
import { compileFilter, project } from './odata.ts';
import { page, WHOLE_PAGE } from './paging.ts';
import { FIND_TENANT_BY_ID } from './permissions.ts';

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
    // The sandbox's tenants are registered in the Netherlands unless a test says otherwise (the usage location a
    // guest is offered).
    countryLetterCode: t.countryLetterCode === undefined ? 'NL' : t.countryLetterCode,
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

const FIND_BY_ID = /^\/tenantRelationships\/findTenantInformationByTenantId\(tenantId='([^']*)'\)$/;

/**
 * Any organization by tenant id (learn: tenantrelationship-findtenantinformationbytenantid): its tenantInformation,
 * its default domain as /organization marks it, federationBrandName null as in Learn's example (no company branding). Learn documents no error;
 * for a tenant Entra does not know Graph answers 404 Directory_ObjectNotFound with these words (pnp/cli-microsoft365's
 * `tenant info get` test records them), which the sandbox gives too.
 */
function tenantInformation(c: GraphCall, id: string): ApiResponse {
  if (!c.allowed(FIND_TENANT_BY_ID)) return insufficientPrivileges();
  const t = c.tenantOf(id);
  if (!t || t.id.toLowerCase() !== id.toLowerCase()) {
    return graphError(404, 'Directory_ObjectNotFound', 'Unable to read the company information from the directory.');
  }
  return entity('microsoft.graph.tenantInformation', {
    tenantId: t.id,
    federationBrandName: null,
    displayName: t.displayName,
    defaultDomainName: defaultDomain(t),
  });
}

/** The organization, its authorization policy and its domains; another organization by id. Null: not mine. */
export function tenantRoute(c: GraphCall): ApiResponse | null {
  if (c.method !== 'GET') return null;
  const byId = FIND_BY_ID.exec(decodeURIComponent(c.path));
  if (byId) return tenantInformation(c, byId[1] ?? '');
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
