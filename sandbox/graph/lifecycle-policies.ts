import type { ApiResponse } from '../api.ts';
import type { SandboxLifecyclePolicy, SandboxTenant, SandboxUser } from '../store.ts';
import { entity, type GraphCall } from './call.ts';
import { badRequest, graphError, insufficientPrivileges, notFound } from './errors.ts';
import { page, WHOLE_PAGE } from './paging.ts';
import { findUser } from './users.ts';

/**
 * Guest lifecycle policies (issue 27), as Learn describes Graph v1.0 (test/contract/graph/lifecycle-policies.learn.json
 * names each page): the tenant's policies, a user's `lifecycle`, and a sponsor's or admin's attestation.
 *
 * - `GET /identityGovernance/lifecycleWorkflows/lifecyclePolicies` and `…/{id}` (identitygovernance-
 *   lifecycleworkflowscontainer-list-lifecyclepolicies, identitygovernance-lifecyclepolicy-get): guest policies need LifecyclePolicies-Guests.Read.All or .ReadWrite.All and, signed in,
 *   a supported Entra role. `rules` are entities reached through the policy, so shown only when `$expand`ed.
 * - `GET /users/{id}/lifecycle` (identitygovernance-useridentitylifecycle: "through the lifecycle relationship on a
 *   user"): Learn names no permission of its own; the sandbox asks what attest asks (the scope, and a sponsor of this
 *   guest or an admin), and answers 404 for a user no enabled guest policy governs.
 * - `POST /users/{id}/microsoft.graph.identityGovernance.attest` (user-attest): delegated only, the scope and either
 *   a supported role or sponsorship of the guest; no body; 204.
 */

/**
 * The roles Learn's attest and policy pages name for the administrator path: Lifecycle Workflows Administrator
 * (learn: entra/identity/role-based-access-control/permissions-reference); the sandbox's Global Administrator holds
 * every permission.
 */
const LIFECYCLE_ADMINS = new Set(['59d46f88-662b-457b-bceb-5c3809e5908f', '62e90394-69f5-4237-9190-012177145e10']);

const READ_SCOPES = ['LifecyclePolicies-Guests.Read.All', 'LifecyclePolicies-Guests.ReadWrite.All'];
const WRITE_SCOPES = ['LifecyclePolicies-Guests.ReadWrite.All'];

const holds = (c: GraphCall, scopes: string[]) =>
  c.scopes.map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//, '')).some((s) => scopes.includes(s));
const isAdmin = (c: GraphCall) => c.caller.directoryRoles.some((r) => LIFECYCLE_ADMINS.has(r));

/**
 * Learn documents no error for a tenant without Microsoft Entra ID Governance. Identity governance's own answer to
 * one, as a tenant met it (github AzureAD/AzureAD-Governance-Assessment#2, entitlementManagement/settings): 403
 * `NoLicense`, "Tenant does not meet license requirement!". The sandbox answers the same here.
 */
export const noLicense = () =>
  graphError(
    403,
    'NoLicense',
    'User is not authorized to perform the operation. Reason: Tenant does not meet license requirement!',
  );

const DAY = 86_400_000;

/** The policy governing guests: the first enabled guest policy (Learn: priority order; the sandbox keeps list order). */
export const governingPolicy = (tenant: SandboxTenant, user: SandboxUser) =>
  user.userType === 'Guest' ? (tenant.lifecyclePolicies ?? []).find((p) => p.isEnabled) : undefined;

/** The guest's latest attestation, or null: never attested. */
export function lastAttestation(tenant: SandboxTenant, userId: string): string | null {
  const times = (tenant.attestations ?? []).filter((a) => a.userId === userId).map((a) => a.at);
  return times.sort().at(-1) ?? null;
}

const ruleOf = (p: SandboxLifecyclePolicy, type: string) =>
  p.rules.find((r) => r['@odata.type'] === `#microsoft.graph.identityGovernance.${type}` && r.isEnabled);

/**
 * The guest's compliance under the policy: each enabled rule checked; a rule broken within the grace period is a
 * `warning`, past it `nonCompliant` (userIdentityLifecycle.complianceState). Learn does not say where a first
 * attestation period starts for a guest never attested: the sandbox counts from the account's creation.
 */
function compliance(tenant: SandboxTenant, user: SandboxUser, p: SandboxLifecyclePolicy, now: number) {
  const issues: { ruleType: string; since: number }[] = [];
  const attestation = ruleOf(p, 'periodicAttestationRule');
  if (attestation) {
    const from = Date.parse(lastAttestation(tenant, user.id) ?? user.createdDateTime ?? new Date(now).toISOString());
    const due = from + Number(attestation.attestationIntervalInDays) * DAY;
    if (due < now) issues.push({ ruleType: 'periodicAttestationRule', since: due });
  }
  const sponsors = ruleOf(p, 'sponsorPresenceRule');
  if (sponsors && (user.sponsors ?? []).length < Number(sponsors.minimumSponsorCount))
    issues.push({ ruleType: 'sponsorPresenceRule', since: now });
  const inactivity = ruleOf(p, 'inactivityRule');
  if (inactivity) {
    const seen = [user.signInActivity?.lastSignInDateTime, user.signInActivity?.lastNonInteractiveSignInDateTime]
      .filter((d): d is string => !!d)
      .map(Date.parse);
    const last = Math.max(Date.parse(user.createdDateTime ?? new Date(now).toISOString()), ...seen);
    const limit = last + Number(inactivity.lastActivityThresholdInDays) * DAY;
    if (limit < now) issues.push({ ruleType: 'inactivityRule', since: limit });
  }
  const earliest = Math.min(...issues.map((i) => i.since));
  const state = issues.length === 0 ? 'compliant' : earliest + p.gracePeriodInDays * DAY < now ? 'nonCompliant' : 'warning';
  return { state, issues };
}

/** A policy as Graph shows it; `rules` only when expanded. */
function policyResource(p: SandboxLifecyclePolicy, expandRules: boolean): Record<string, unknown> {
  const { rules, ...rest } = p;
  return {
    '@odata.type': '#microsoft.graph.identityGovernance.guestLifecyclePolicy',
    ...rest,
    ...(expandRules ? { rules } : {}),
  };
}

const expands = (c: GraphCall, what: string) =>
  (c.req.query.get('$expand') ?? '')
    .split(',')
    .map((e) => e.trim())
    .some((e) => e === what || e.startsWith(`${what}(`));

function listPolicies(c: GraphCall): ApiResponse {
  if (!holds(c, READ_SCOPES) || !isAdmin(c)) return insufficientPrivileges();
  if (!c.tenant.idGovernance) return noLicense();
  const expandRules = expands(c, 'rules');
  const value = (c.tenant.lifecyclePolicies ?? []).map((p) => policyResource(p, expandRules));
  return page(c, 'identityGovernance/lifecycleWorkflows/lifecyclePolicies', value, WHOLE_PAGE);
}

/** `GET …/lifecyclePolicies/{id}` (identitygovernance-lifecyclepolicy-get): one policy, as the list shows it. */
function getPolicy(c: GraphCall, id: string): ApiResponse {
  if (!holds(c, READ_SCOPES) || !isAdmin(c)) return insufficientPrivileges();
  if (!c.tenant.idGovernance) return noLicense();
  const p = (c.tenant.lifecyclePolicies ?? []).find((x) => x.id === decodeURIComponent(id));
  if (!p) return notFound(id);
  return entity('identityGovernance/lifecycleWorkflows/lifecyclePolicies/$entity', policyResource(p, expands(c, 'rules')));
}

/** Who may act on this guest's lifecycle: the scope, and a supported admin role or sponsorship of the guest. */
const mayActOn = (c: GraphCall, user: SandboxUser, scopes: string[]) =>
  holds(c, scopes) && (isAdmin(c) || (user.sponsors ?? []).includes(c.caller.id));

function userLifecycle(c: GraphCall, user: SandboxUser): ApiResponse {
  if (!mayActOn(c, user, READ_SCOPES)) return insufficientPrivileges();
  if (!c.tenant.idGovernance) return noLicense();
  const policy = governingPolicy(c.tenant, user);
  if (!policy) return notFound(`${user.id}/lifecycle`);
  const { state, issues } = compliance(c.tenant, user, policy, Date.now());
  // `effectiveGoverningPolicy($expand=rules)`: the policy with its rules, as the nested expand asks.
  const expandPolicy = expands(c, 'effectiveGoverningPolicy');
  const withRules = /effectiveGoverningPolicy\(\$expand=rules\)/.test(c.req.query.get('$expand') ?? '');
  return entity(`users('${user.id}')/lifecycle/$entity`, {
    '@odata.type': '#microsoft.graph.identityGovernance.userIdentityLifecycle',
    id: user.id,
    complianceState: state,
    lastAttestationDateTime: lastAttestation(c.tenant, user.id),
    ...(expands(c, 'complianceIssues')
      ? {
          complianceIssues: issues.map((i) => ({
            id: `${user.id}-${i.ruleType}`,
            issueCode: i.ruleType.replace(/Rule$/, 'Violation'),
            description: `The guest does not meet the policy's ${i.ruleType}.`,
            governingPolicyReferenceId: policy.id,
            ruleType: i.ruleType,
          })),
        }
      : {}),
    ...(expandPolicy ? { effectiveGoverningPolicy: policyResource(policy, withRules) } : {}),
  });
}

function attest(c: GraphCall, user: SandboxUser): ApiResponse {
  if (c.req.body !== undefined && c.req.body !== null && Object.keys(c.req.body as object).length > 0)
    return badRequest('This action takes no request body.');
  if (user.userType !== 'Guest') return badRequest('The target user must be a guest.');
  if (!mayActOn(c, user, WRITE_SCOPES)) return insufficientPrivileges();
  if (!c.tenant.idGovernance) return noLicense();
  // Attesting again is a later attestation of the same need: nothing else changes (hence safe to send twice).
  c.tenant.attestations = [...(c.tenant.attestations ?? []), { userId: user.id, by: c.caller.id, at: new Date().toISOString() }];
  c.save();
  return { status: 204 };
}

/**
 * The guest lifecycle routes. Null: not mine. The sandbox's login issues delegated tokens only, each for a signed-in
 * user, so attest's refusal of application tokens has nothing here to refuse.
 */
export function lifecycleRoute(c: GraphCall): ApiResponse | null {
  if (c.path === '/identityGovernance/lifecycleWorkflows/lifecyclePolicies') return c.method === 'GET' ? listPolicies(c) : null;
  const one = /^\/identityGovernance\/lifecycleWorkflows\/lifecyclePolicies\/([^/]+)$/.exec(c.path)?.[1];
  if (one) return c.method === 'GET' ? getPolicy(c, one) : null;
  const m = /^\/users\/([^/]+)\/(lifecycle|microsoft\.graph\.identityGovernance\.attest)$/.exec(c.path);
  if (!m?.[1]) return null;
  const reading = m[2] === 'lifecycle';
  if (c.method !== (reading ? 'GET' : 'POST')) return null;
  const user = findUser(c.tenant, m[1]);
  if (!user) return notFound(m[1]);
  return reading ? userLifecycle(c, user) : attest(c, user);
}

/**
 * The control API's stand-ins for the tenant's Microsoft Entra ID Governance (bought or ended in the admin center)
 * and for attestations made elsewhere (My Access): `PATCH /tenants/{id}/idGovernance` `{ enabled }`,
 * `GET /tenants/{id}/attestations`, `POST /tenants/{id}/attestations` `{ userId, by, at }`. Null: not these routes.
 */
export function lifecycleControlRoute(
  tenant: SandboxTenant,
  method: string,
  rest: string,
  body: Record<string, unknown>,
): { status: number; body: unknown } | null {
  if (method === 'PATCH' && rest === '/idGovernance') {
    if (typeof body.enabled !== 'boolean') return { status: 400, body: { error: 'enabled must be true or false' } };
    tenant.idGovernance = body.enabled;
    return { status: 200, body: { enabled: tenant.idGovernance } };
  }
  if (method === 'GET' && rest === '/attestations') return { status: 200, body: tenant.attestations ?? [] };
  if (method === 'POST' && rest === '/attestations') {
    const { userId, by, at } = body as { userId?: unknown; by?: unknown; at?: unknown };
    if (typeof userId !== 'string' || typeof by !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at)))
      return { status: 400, body: { error: 'an attestation needs userId, by and at (a date and time)' } };
    tenant.attestations = [...(tenant.attestations ?? []), { userId, by, at }];
    return { status: 200, body: tenant.attestations };
  }
  return null;
}
