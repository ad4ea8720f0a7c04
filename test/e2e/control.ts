import type { CorsRefusal } from '../../sandbox/cors.ts';
import type { FaultRule } from '../../sandbox/faults.ts';
import type { ConsentPageShown } from '../../sandbox/login-interaction.ts';
import type { ProfileName } from '../../sandbox/profile/profiles.ts';
import type {
  SandboxAssignmentRequest,
  SandboxAzure,
  SandboxEligibility,
  SandboxRoleAssignment,
  SandboxState,
  SandboxWorkspace,
} from '../../sandbox/store.ts';
import type { CollaborationRestrictions, CrossTenantAccess } from '../../sandbox/tenant-policies.ts';

/** The sandbox's control API, as the tests use it; `token` is the run's `controlToken`. */
export function control(port: number, token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    // The control API wants JSON on every method that may carry a body, even when there is nothing to say.
    const sendsBody = method !== 'GET';
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(sendsBody ? { 'content-type': 'application/json' } : {}) },
      body: sendsBody ? JSON.stringify(body ?? {}) : undefined,
    });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
  return {
    /** Back to the start of the profile the sandbox runs (the seed, unless `profile` chose another). */
    reset: () => call('POST', '/reset'),
    /** Starts again from a profile's state: `large` is a tenant of real size (sandbox/profile/large.ts). */
    profile: (name: ProfileName) => call('POST', '/profile', { name }),
    state: () => call('GET', '/state') as Promise<SandboxState>,
    mintToken: async (tenant: string, user: string, scopes: string[]) =>
      ((await call('POST', '/tokens', { tenant, user, scopes })) as { accessToken: string }).accessToken,
    /** Every consent and "Need admin approval" page the login showed since the last reset, oldest first. */
    consentPages: () => call('GET', '/login/consent-pages') as Promise<ConsentPageShown[]>,
    issuedTokens: () => call('GET', '/tokens/issued') as Promise<{ accessTokens: string[]; refreshTokens: string[] }>,
    addFault: (rule: FaultRule) => call('POST', '/faults', rule),
    /** A licence bought: its SKU's enabled units, as subscribedSkus then lists them. */
    addLicense: (tenant: string, skuId: string, enabled: number) =>
      call('POST', `/tenants/${tenant}/licenses`, { skuId, enabled }),
    /** A sponsor added to a user, as an admin would in the Entra admin center. */
    addSponsor: (tenant: string, userId: string, sponsorId: string) =>
      call('POST', `/tenants/${tenant}/users/${userId}/sponsors`, { sponsorId }),
    /** A reviewer's decision in an ARM access review, as the reviewer makes it in My Access. */
    recordReviewDecision: (
      tenant: string,
      definition: string,
      decision: { principalId: string; decision: string; reviewerId?: string },
    ) => call('POST', `/tenants/${tenant}/azure/accessReviews/${definition}/decisions`, decision),
    /** A reviewer's decision in a Graph access review of a group, or (`{ complete: true }`) its instance ended. */
    recordGroupReviewDecision: (
      tenant: string,
      definition: string,
      decision: { principalId: string; decision: string; reviewerId?: string } | { complete: true },
    ) => call('POST', `/tenants/${tenant}/groupReviews/${definition}/decisions`, decision),
    clearFaults: () => call('DELETE', '/faults'),
    faultHits: () => call('GET', '/faults/hits') as Promise<{ path: string; status: number }[]>,
    expireTokens: () => call('POST', '/faults/expire-tokens'),
    /** Every sign-in is a day old: its single-page-app refresh token has ended; the login session lives on. */
    ageRefreshTokens: () => call('POST', '/faults/age-refresh-tokens'),
    /** Every login session ends: a `prompt=none` request is answered `login_required`. */
    endLoginSessions: () => call('POST', '/faults/end-login-sessions'),
    /** Every authorize request the login took, by its `prompt` (`none`: a silent renewal). */
    authorizations: () =>
      call('GET', '/login/authorizations') as Promise<{ tenant: string; prompt: string; loginHint: string }[]>,
    /** Every list pages at most this many items (0: each service's own page sizes). */
    pageSize: (size: number) => call('POST', '/faults/page-size', { size }),
    /** How long ARM does not see a new user (PrincipalNotFound), in sandbox time. */
    principalReplication: (milliseconds: number) => call('POST', '/faults/principal-replication', { milliseconds }),
    /** Where the sandbox refuses CORS (sandbox/cors.ts); a reset keeps it. */
    refuseCors: (refuse: CorsRefusal) => call('POST', '/faults/cors', { refuse }),
    /** How long Dataverse keeps a user synced by "add user" out of sight. */
    /** How long Dataverse keeps a user synced by "add user" out of sight, in sandbox time. */
    dataverseSync: (milliseconds: number) => call('POST', '/faults/dataverse-sync', { milliseconds }),
    /** How long after a licence is assigned the environment API's addUser answers userNotLicensed, in sandbox time. */
    licensePropagation: (milliseconds: number) => call('POST', '/faults/license-propagation', { milliseconds }),
    /** Sandbox time passes `factor` times faster than the wall clock for the delays above (1 until reset). */
    timeScale: (factor: number) => call('POST', '/faults/time-scale', { factor }),
    limitInvitations: (max: number, windowSeconds: number) => call('POST', '/faults/invitation-limit', { max, windowSeconds }),
    /** Power BI's admin reads per window per tenant (200 an hour until reset). */
    limitPowerBiAdminReads: (max: number, windowSeconds: number) =>
      call('POST', '/faults/powerbi-admin-limit', { max, windowSeconds }),
    patchApplication: (tenant: string, appId: string, patch: object) =>
      call('PATCH', `/tenants/${tenant}/applications/${appId}`, patch),
    patchAuthorizationPolicy: (tenant: string, patch: object) => call('PATCH', `/tenants/${tenant}/authorizationPolicy`, patch),
    /** The country the tenant is registered in (Graph's organization `countryLetterCode`), or null for none. */
    setTenantCountry: (tenant: string, countryLetterCode: string | null) =>
      call('PATCH', `/tenants/${tenant}/organization`, { countryLetterCode }),
    /** The B2B allow/deny list (External collaboration settings > Collaboration restrictions). */
    setCollaborationRestrictions: (tenant: string, restrictions: CollaborationRestrictions) =>
      call('PUT', `/tenants/${tenant}/collaborationRestrictions`, restrictions) as Promise<CollaborationRestrictions>,
    /** Cross-tenant access settings: `default` (null: the service default) and the partner entries, each replaced whole. */
    patchCrossTenantAccess: (
      tenant: string,
      patch: { default?: CrossTenantAccess['default'] | null; partners?: CrossTenantAccess['partners'] },
    ) => call('PATCH', `/tenants/${tenant}/crossTenantAccess`, patch) as Promise<CrossTenantAccess>,
    /** Power Platform tenant settings (admin center: Settings > Features): may guests make apps, share with everyone. */
    patchPowerPlatformSettings: (tenant: string, patch: { enableGuestsToMake?: boolean; disableShareWithEveryone?: boolean }) =>
      call('PATCH', `/tenants/${tenant}/powerPlatform/tenantSettings`, patch) as Promise<{
        enableGuestsToMake: boolean;
        disableShareWithEveryone: boolean;
      }>,
    /** A Power BI workspace more in the tenant. */
    addWorkspace: (tenant: string, workspace: SandboxWorkspace) =>
      call('POST', `/tenants/${tenant}/powerbi/workspaces`, workspace),
    /** A role assignment stored as given: its scope may be one the extension cannot read (a DNS record set named `*`). */
    addRoleAssignment: (
      tenant: string,
      assignment: Omit<SandboxRoleAssignment, 'createdOn' | 'principalType'> & { principalType?: 'User' | 'Group' },
    ) => call('POST', `/tenants/${tenant}/azure/roleAssignments`, assignment),
    /** A security group made in the admin center; its members users or groups (a group nested in it). */
    addGroup: (tenant: string, group: { id: string; displayName: string; members: string[] }) =>
      call('POST', `/tenants/${tenant}/groups`, group),
    /** A subscription more in the tenant's Azure, with its resource groups. */
    addSubscription: (tenant: string, subscription: SandboxAzure['subscriptions'][number]) =>
      call('POST', `/tenants/${tenant}/azure/subscriptions`, subscription),
    /** A PIM eligibility stored as given, as if an admin had made it in the portal. */
    addEligibility: (tenant: string, eligibility: Omit<SandboxEligibility, 'startDateTime' | 'endDateTime' | 'requestName'>) =>
      call('POST', `/tenants/${tenant}/azure/eligibilitySchedules`, eligibility),
    /** Every PIM role assignment schedule request the tenant has taken, as the sandbox keeps them. */
    /** The tenant's Entra ID plan (sandbox/graph/sign-in-activity.ts): `Free` refuses `signInActivity`. */
    setEntraIdPlan: (tenant: string, plan: 'Free' | 'P1' | 'P2') => call('PATCH', `/tenants/${tenant}/entraIdPlan`, { plan }),
    /** Whether the tenant has Microsoft Entra ID Governance (guest lifecycle policies; none in the seed). */
    setIdGovernance: (tenant: string, enabled: boolean) => call('PATCH', `/tenants/${tenant}/idGovernance`, { enabled }),
    /** Every attestation of a guest's continued need: who attested, when. */
    attestations: (tenant: string) =>
      call('GET', `/tenants/${tenant}/attestations`) as Promise<{ userId: string; by: string; at: string }[]>,
    /** An attestation made elsewhere (My Access), as if at `at`. */
    addAttestation: (tenant: string, attestation: { userId: string; by: string; at: string }) =>
      call('POST', `/tenants/${tenant}/attestations`, attestation),
    pimRequests: (tenant: string) => call('GET', `/tenants/${tenant}/pim/requests`) as Promise<SandboxAssignmentRequest[]>,
    /** An approver's yes to a request waiting for approval: it becomes Provisioned and the role holds from now. */
    approveRequest: (tenant: string, name: string) =>
      call('POST', `/tenants/${tenant}/pim/requests/${name}/approve`) as Promise<SandboxAssignmentRequest>,
    /** How long an activation must have held before PIM lets its owner end it (300 s until reset). */
    minimumActiveSeconds: (seconds: number) => call('POST', '/faults/minimum-active-seconds', { seconds }),
  };
}
