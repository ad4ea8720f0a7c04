import { setTenantSettings } from './powerplatform/tenant-settings.ts';
import type {
  SandboxAzure,
  SandboxEligibility,
  SandboxGroup,
  SandboxRoleAssignment,
  SandboxTenant,
  SandboxWorkspace,
} from './store.ts';
import type { CollaborationRestrictions, CrossTenantAccess } from './tenant-policies.ts';

type Body = Record<string, unknown>;
export type TenantAnswer = { status: number; body: unknown };

const MODES = ['allowAll', 'allowList', 'denyList'];

/**
 * The B2B allow/deny list, set as an admin would under External collaboration settings > Collaboration restrictions
 * (learn: entra/external-id/allow-deny-list). Graph v1.0 has no operation for it in the contract, hence this route.
 */
function setRestrictions(tenant: SandboxTenant, body: Body): TenantAnswer {
  const { mode, domains } = body as Partial<CollaborationRestrictions>;
  if (!MODES.includes(mode as string)) return { status: 400, body: { error: `mode must be one of ${MODES.join(', ')}` } };
  if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string' || !d.includes('.'))) {
    return { status: 400, body: { error: 'domains must be a list of domain names' } };
  }
  tenant.collaborationRestrictions = { mode: mode as CollaborationRestrictions['mode'], domains };
  return { status: 200, body: tenant.collaborationRestrictions };
}

/**
 * Cross-tenant access settings, as the admin center's Cross-tenant access settings page sets them: `default` (null
 * for the service default) and the partner entries, each replaced whole when given.
 */
function setCrossTenant(tenant: SandboxTenant, body: Body): TenantAnswer {
  const { default: own, partners } = body as { default?: CrossTenantAccess['default'] | null; partners?: unknown };
  if (partners !== undefined && (!Array.isArray(partners) || partners.some((p) => typeof p?.tenantId !== 'string'))) {
    return { status: 400, body: { error: 'partners must be a list of entries with a tenantId' } };
  }
  const next: CrossTenantAccess = { partners: tenant.crossTenantAccess?.partners ?? [] };
  const kept = own === undefined ? tenant.crossTenantAccess?.default : (own ?? undefined);
  if (kept) next.default = kept;
  if (partners) next.partners = partners as CrossTenantAccess['partners'];
  tenant.crossTenantAccess = next;
  return { status: 200, body: next };
}

/**
 * Things a test adds to the tenant as they exist in a real one, beyond what the extension could make: a workspace
 * (a tenant may hold hundreds), a role assignment at a scope given as written (ARM holds some at scopes the
 * extension's grammar does not read, such as a DNS record set named `*`). Null: not such a route.
 */
export function tenantSeedRoute(tenant: SandboxTenant, method: string, rest: string, body: Body): TenantAnswer | null {
  if (method === 'POST' && rest === '/powerbi/workspaces') {
    const ws = body as unknown as SandboxWorkspace;
    if (typeof ws.id !== 'string' || typeof ws.name !== 'string' || !Array.isArray(ws.users))
      return { status: 400, body: { error: 'a workspace needs id, name and users' } };
    tenant.powerbi = { apps: [], ...tenant.powerbi, workspaces: [...(tenant.powerbi?.workspaces ?? []), ws] };
    return { status: 200, body: ws };
  }
  if (method === 'POST' && rest === '/azure/roleAssignments') {
    const a = body as unknown as Partial<SandboxRoleAssignment>;
    if (!tenant.azure) return { status: 404, body: { error: `no Azure in tenant ${tenant.id}` } };
    const { name, scope, principalId, roleDefinitionId } = a;
    if (!name || !scope || !principalId || !roleDefinitionId)
      return { status: 400, body: { error: 'a role assignment needs name, scope, principalId and roleDefinitionId' } };
    const made = {
      ...a,
      name,
      scope,
      principalId,
      roleDefinitionId,
      principalType: a.principalType ?? 'User',
      createdOn: a.createdOn ?? new Date().toISOString(),
    };
    tenant.azure.roleAssignments.push(made);
    return { status: 200, body: made };
  }
  if (method === 'POST' && rest === '/azure/subscriptions') return addSubscription(tenant, body);
  const sponsored = /^\/users\/([^/]+)\/sponsors$/.exec(rest);
  if (method === 'POST' && sponsored?.[1]) {
    const user = tenant.users.find((u) => u.id === sponsored[1]);
    const sponsorId = (body as { sponsorId?: unknown }).sponsorId;
    if (!user || !tenant.users.some((u) => u.id === sponsorId))
      return { status: 404, body: { error: 'no such user or sponsor' } };
    user.sponsors = [...new Set([...(user.sponsors ?? []), sponsorId as string])];
    return { status: 200, body: user };
  }
  // A licence bought (Microsoft 365 admin center, Billing): its SKU id and enabled units, as subscribedSkus answers.
  if (method === 'POST' && rest === '/licenses') {
    const { skuId, enabled } = body as { skuId?: unknown; enabled?: unknown };
    if (typeof skuId !== 'string' || typeof enabled !== 'number')
      return { status: 400, body: { error: 'a licence needs skuId and enabled' } };
    tenant.subscriptions = [...(tenant.subscriptions ?? []).filter((s) => s.skuId !== skuId), { skuId, enabled }];
    return { status: 200, body: tenant.subscriptions };
  }
  if (method === 'POST' && rest === '/azure/eligibilitySchedules') return addEligibility(tenant, body);
  if (method === 'POST' && rest === '/groups') return addGroup(tenant, body);
  return null;
}

/** A subscription more in the tenant's Azure (a real tenant holds many), with its resource groups. */
function addSubscription(tenant: SandboxTenant, body: Body): TenantAnswer {
  const s = body as unknown as Partial<SandboxAzure['subscriptions'][number]>;
  if (!tenant.azure) return { status: 404, body: { error: `no Azure in tenant ${tenant.id}` } };
  if (typeof s.subscriptionId !== 'string' || typeof s.displayName !== 'string')
    return { status: 400, body: { error: 'a subscription needs subscriptionId and displayName' } };
  const made = {
    subscriptionId: s.subscriptionId.toLowerCase(),
    displayName: s.displayName,
    resourceGroups: s.resourceGroups ?? [],
  };
  tenant.azure.subscriptions.push(made);
  return { status: 200, body: made };
}

/**
 * A security group made in the admin center, its members users or other groups (a group nested in it), as given.
 */
function addGroup(tenant: SandboxTenant, body: Body): TenantAnswer {
  const { id, displayName, members } = body as { id?: unknown; displayName?: unknown; members?: unknown };
  const known = (m: unknown) => tenant.users.some((u) => u.id === m) || tenant.groups.some((g) => g.id === m);
  if (typeof id !== 'string' || typeof displayName !== 'string' || !Array.isArray(members) || !members.every(known))
    return { status: 400, body: { error: 'a group needs an id, a displayName and members that are users or groups' } };
  const made: SandboxGroup = {
    id: id.toLowerCase(),
    displayName,
    mailNickname: displayName.replace(/[^A-Za-z0-9]/g, ''),
    securityEnabled: true,
    mailEnabled: false,
    members: members as string[],
    owners: [],
    createdDateTime: new Date().toISOString(),
  };
  tenant.groups.push(made);
  return { status: 200, body: made };
}

/** A PIM eligibility stored as given, as if an admin had made it in the portal. */
function addEligibility(tenant: SandboxTenant, body: Body): TenantAnswer {
  const e = body as unknown as Partial<SandboxEligibility>;
  if (!tenant.azure) return { status: 404, body: { error: `no Azure in tenant ${tenant.id}` } };
  const { name, scope, principalId, roleDefinitionId } = e;
  if (!name || !scope || !principalId || !roleDefinitionId)
    return { status: 400, body: { error: 'an eligibility needs name, scope, principalId and roleDefinitionId' } };
  const made: SandboxEligibility = {
    name,
    scope,
    principalId,
    roleDefinitionId,
    startDateTime: e.startDateTime ?? new Date().toISOString(),
    endDateTime: e.endDateTime ?? null,
    requestName: e.requestName ?? name,
  };
  tenant.azure.eligibilitySchedules.push(made);
  return { status: 200, body: made };
}

/** The tenant's settings: who may invite, its country, the allow/deny list, cross-tenant access, Power Platform's for guests. Null: not a settings route. */
export function tenantSettingsRoute(tenant: SandboxTenant, method: string, rest: string, body: Body): TenantAnswer | null {
  if (method === 'PATCH' && rest === '/authorizationPolicy') {
    Object.assign(tenant.authorizationPolicy, body);
    return { status: 200, body: tenant.authorizationPolicy };
  }
  if (method === 'PATCH' && rest === '/organization') {
    const code = body.countryLetterCode;
    if (code !== null && !(typeof code === 'string' && /^[A-Z]{2}$/.test(code))) {
      return { status: 400, body: { error: 'countryLetterCode must be two capital letters or null' } };
    }
    tenant.countryLetterCode = code;
    return { status: 200, body: { countryLetterCode: code } };
  }
  if (method === 'PUT' && rest === '/collaborationRestrictions') return setRestrictions(tenant, body);
  if (method === 'PATCH' && rest === '/crossTenantAccess') return setCrossTenant(tenant, body);
  if (method === 'PATCH' && rest === '/powerPlatform/tenantSettings') return setTenantSettings(tenant, body);
  return null;
}
