import type { ApiResponse } from '../api.ts';
import type { SandboxTenant } from '../store.ts';
import type { CrossTenantB2b, CrossTenantB2bSetting, CrossTenantTargets } from '../tenant-policies.ts';
import { entity, type GraphCall } from './call.ts';
import { graphError, insufficientPrivileges } from './errors.ts';
import { project } from './odata.ts';
import { page, WHOLE_PAGE } from './paging.ts';

const targets = (accessType: 'allowed' | 'blocked', target: string, targetType: 'user' | 'application'): CrossTenantTargets => ({
  accessType,
  targets: [{ target, targetType }],
});
const setting = (access: 'allowed' | 'blocked'): CrossTenantB2bSetting => ({
  usersAndGroups: targets(access, 'AllUsers', 'user'),
  applications: targets(access, 'AllApplications', 'application'),
});

/**
 * Entra's service default (learn: crosstenantaccesspolicy-get-default, its example with isServiceDefault true): B2B
 * collaboration allowed both ways for all users and apps, B2B direct connect blocked.
 */
const SERVICE_DEFAULT: Required<CrossTenantB2b> = {
  b2bCollaborationInbound: setting('allowed'),
  b2bCollaborationOutbound: setting('allowed'),
  b2bDirectConnectInbound: setting('blocked'),
  b2bDirectConnectOutbound: setting('blocked'),
};

/** The tenant's default configuration, what it does not set taken from the service default. */
export function defaultB2b(tenant: SandboxTenant): Required<CrossTenantB2b> {
  const own = tenant.crossTenantAccess?.default ?? {};
  return {
    b2bCollaborationInbound: own.b2bCollaborationInbound ?? SERVICE_DEFAULT.b2bCollaborationInbound,
    b2bCollaborationOutbound: own.b2bCollaborationOutbound ?? SERVICE_DEFAULT.b2bCollaborationOutbound,
    b2bDirectConnectInbound: own.b2bDirectConnectInbound ?? SERVICE_DEFAULT.b2bDirectConnectInbound,
    b2bDirectConnectOutbound: own.b2bDirectConnectOutbound ?? SERVICE_DEFAULT.b2bDirectConnectOutbound,
  };
}

export const partnerOf = (tenant: SandboxTenant, tenantId: string) =>
  tenant.crossTenantAccess?.partners.find((p) => p.tenantId.toLowerCase() === tenantId.toLowerCase());

function defaultResource(tenant: SandboxTenant): Record<string, unknown> {
  return {
    isServiceDefault: !tenant.crossTenantAccess?.default,
    inboundTrust: { isMfaAccepted: false, isCompliantDeviceAccepted: false, isHybridAzureADJoinedDeviceAccepted: false },
    automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
    ...defaultB2b(tenant),
  };
}

/** A partner entry as Graph shows it (learn: crosstenantaccesspolicyconfigurationpartner-get): null inherits. */
function partnerResource(p: NonNullable<ReturnType<typeof partnerOf>>): Record<string, unknown> {
  return {
    tenantId: p.tenantId,
    isServiceProvider: p.isServiceProvider ?? false,
    isInMultiTenantOrganization: false,
    inboundTrust: null,
    automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: null },
    b2bCollaborationInbound: p.b2bCollaborationInbound ?? null,
    b2bCollaborationOutbound: p.b2bCollaborationOutbound ?? null,
    b2bDirectConnectInbound: p.b2bDirectConnectInbound ?? null,
    b2bDirectConnectOutbound: p.b2bDirectConnectOutbound ?? null,
  };
}

const BASE = '/policies/crossTenantAccessPolicy';

/** The default, the partners, and one partner by tenant id (Policy.Read.All). Null: not mine. */
export function crossTenantRoute(c: GraphCall): ApiResponse | null {
  if (c.method !== 'GET' || !c.path.startsWith(`${BASE}/`)) return null;
  const select = c.req.query.get('$select');
  const shown = (row: Record<string, unknown>) => (select ? project(row, select, []) : row);
  if (c.path === `${BASE}/default`) {
    if (!c.allowed(`GET ${BASE}/default`)) return insufficientPrivileges();
    return entity('policies/crossTenantAccessPolicy/default/$entity', shown(defaultResource(c.tenant)));
  }
  if (c.path === `${BASE}/partners`) {
    if (!c.allowed(`GET ${BASE}/partners`)) return insufficientPrivileges();
    const partners = c.tenant.crossTenantAccess?.partners ?? [];
    return page(c, 'policies/crossTenantAccessPolicy/partners', partners.map(partnerResource), WHOLE_PAGE, { show: shown });
  }
  const one = /^\/policies\/crossTenantAccessPolicy\/partners\/([^/]+)$/.exec(c.path);
  if (!one?.[1]) return null;
  if (!c.allowed(`GET ${BASE}/partners/{crossTenantAccessPolicyConfigurationPartner-tenantId}`)) {
    return insufficientPrivileges();
  }
  const partner = partnerOf(c.tenant, decodeURIComponent(one[1]));
  // Graph's answer for a tenant with no partner entry is not documented; the sandbox gives its usual 404.
  if (!partner) {
    return graphError(404, 'Request_ResourceNotFound', `No partner configuration exists for tenant '${one[1]}'.`);
  }
  return entity('policies/crossTenantAccessPolicy/partners/$entity', shown(partnerResource(partner)));
}
