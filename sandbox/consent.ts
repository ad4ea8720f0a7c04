/**
 * Consent as Entra gives it. A delegated permission reaches a token when it is granted for the app: by an admin for
 * the whole tenant (the app's `consentedScopes`), or by the user for themselves (their grant, kept by the login).
 * A user may consent alone only to permissions that do not need an admin; a user without an admin role asked for
 * one meets "Need admin approval" (AADSTS90094, learn: entra/identity/enterprise-apps/
 * application-sign-in-unexpected-user-consent-error). A refresh-token request for a permission never granted is
 * refused with AADSTS65001 and the suberror consent_required, so the client asks interactively.
 */
import type { ServerResponse } from 'node:http';
import { entraError, resourceOf } from './login-helpers.ts';
import type { SandboxApplication, SandboxUser } from './store.ts';

const GRAPH = 'https://graph.microsoft.com';
const POWERBI = 'https://analysis.windows.net/powerbi/api';

/**
 * Delegated permissions whose "Admin consent required" is Yes, among those the extension asks for: Microsoft Graph's
 * permissions reference (learn: graph/permissions-reference; real-tenant.md) and Power BI's admin API permissions
 * (Tenant.Read.All, Tenant.ReadWrite.All: "configured and admin consent granted", learn: fabric/admin
 * admin API settings). ARM's user_impersonation, Power Platform's User and Dataverse's user_impersonation need no
 * admin (real-tenant.md). Group.ReadBasic.All is counted as an admin's, the stricter reading.
 */
export const ADMIN_CONSENT_SCOPES = new Set(
  [
    ...[
      'User.Read.All',
      'User.ReadWrite.All',
      'User.Invite.All',
      'Policy.Read.All',
      'LicenseAssignment.Read.All',
      'LicenseAssignment.ReadWrite.All',
      'Group.ReadBasic.All',
      'Group.Read.All',
      'Group.ReadWrite.All',
      'GroupMember.Read.All',
      'GroupMember.ReadWrite.All',
      'AuditLog.Read.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
      // learn: user-attest, lifecyclepolicies list: admin consent.
      'LifecyclePolicies-Guests.Read.All',
      'LifecyclePolicies-Guests.ReadWrite.All',
    ].map((s) => `${GRAPH}/${s}`),
    ...['Tenant.Read.All', 'Tenant.ReadWrite.All'].map((s) => `${POWERBI}/${s}`),
  ].map((s) => s.toLowerCase()),
);

export const needsAdmin = (scope: string) => ADMIN_CONSENT_SCOPES.has(scope.toLowerCase());

/**
 * Directory roles that may consent to any delegated permission for an app (learn: entra/identity/enterprise-apps/
 * grant-admin-consent, "Prerequisites"): Global Administrator, Cloud Application Administrator, Application
 * Administrator (role template ids).
 */
const CONSENT_ADMINS = new Set([
  '62e90394-69f5-4237-9190-012177145e10',
  '158c047a-c907-4556-b7ef-446551a6b5f7',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
]);

export const mayConsentAsAdmin = (user: Pick<SandboxUser, 'directoryRoles'> | undefined) =>
  !!user?.directoryRoles.some((r) => CONSENT_ADMINS.has(r));

const lower = (scopes: Iterable<string>) => new Set([...scopes].map((s) => s.toLowerCase()));

/** What a user has been granted on one resource: the tenant's consent and their own. */
export function grantedOn(resource: string, tenantConsent: string[], userGrant: string[]): string[] {
  const all = [
    ...tenantConsent.filter((s) => resourceOf(s) === resource),
    ...userGrant.filter((s) => resourceOf(s) === resource),
  ];
  const seen = new Set<string>();
  return all.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** The resource permissions asked for that neither the tenant nor the user granted. */
export function notGranted(asked: string[], tenantConsent: string[], userGrant: string[]): string[] {
  const granted = lower([...tenantConsent, ...userGrant]);
  return asked.filter((s) => resourceOf(s) && !s.endsWith('/.default') && !granted.has(s.toLowerCase()));
}

/** The page an authorization request leads to: consent to what is new, or "Need admin approval", or nothing. */
export function consentStep(
  user: Pick<SandboxUser, 'directoryRoles'> | undefined,
  missing: string[],
  tenantConsent: string[],
): { page: 'none' | 'consent' | 'needAdminApproval'; scopes: string[] } {
  const consented = lower(tenantConsent);
  const scopes = missing.filter((s) => !consented.has(s.toLowerCase()));
  if (scopes.length === 0) return { page: 'none', scopes };
  if (!mayConsentAsAdmin(user) && scopes.some(needsAdmin)) return { page: 'needAdminApproval', scopes };
  return { page: 'consent', scopes };
}

type Found = { grantId?: string; scope?: string; resources?: Record<string, string> } | undefined;
const words = (scope: unknown) =>
  String(scope ?? '')
    .split(' ')
    .filter(Boolean);

/**
 * An access token carries every permission granted on its audience, not only those asked for ("if already consented
 * they may be included in the token response regardless of the requested scope", Microsoft Q&A 43462): tenant
 * consent and the user's own grant. Applied as the token is stored, so the resource servers see it.
 */
export function widenAccessToken(
  model: string,
  payload: Record<string, unknown>,
  find: (key: string) => Found,
  tenantConsent: string[],
): void {
  if (model !== 'AccessToken' || typeof payload.grantId !== 'string' || typeof payload.aud !== 'string') return;
  const grant = find(`Grant:${payload.grantId}`);
  // No grant: a token the control API minted with the scopes a test chose, kept as they are.
  if (!grant) return;
  const granted = grantedOn(payload.aud, tenantConsent, words(grant.resources?.[payload.aud]));
  payload.scope = [...new Set([...words(payload.scope), ...granted])].join(' ');
}

/** The provider's models this check reads: a refresh token's grant, and the grant's scopes per resource. */
export interface ConsentModels {
  RefreshToken: { find(value: string): Promise<{ grantId?: string } | undefined> };
  Grant: { find(id: string): Promise<{ resources?: Record<string, string> } | undefined> };
}

/**
 * A refresh-token request, checked against what was granted before the provider sees it: the permissions asked for
 * that neither the tenant nor this user granted (AADSTS65001 then). A `.default` asked for becomes what is granted
 * on its resource, tenant's and user's alike (learn: entra/identity-platform/scopes-oidc#the-default-scope).
 */
export async function refreshNotGranted(
  models: ConsentModels,
  form: URLSearchParams,
  tenantConsent: string[],
): Promise<string[]> {
  if (form.get('grant_type') !== 'refresh_token') return [];
  const token = await models.RefreshToken.find(form.get('refresh_token') ?? '');
  const grant = token?.grantId ? await models.Grant.find(token.grantId) : undefined;
  // An unknown refresh token is the provider's to refuse (invalid_grant), as before.
  if (!grant) return [];
  const userGrant = Object.values(grant.resources ?? {}).flatMap(words);
  const asked = words(form.get('scope'));
  const spelt = asked.flatMap((s) => {
    if (!s.endsWith('/.default')) return [s];
    const granted = grantedOn(s.slice(0, -'/.default'.length).replace(/\/+$/, ''), tenantConsent, userGrant);
    return granted.length ? granted : [s];
  });
  if (spelt.join(' ') !== asked.join(' ')) form.set('scope', spelt.join(' '));
  return notGranted(spelt, tenantConsent, userGrant);
}

/**
 * Entra's answer when a renewal asks for a permission never consented, suberror and all (as quoted in
 * MicrosoftDocs/azure-docs#39189); MSAL then raises InteractionRequiredAuthError.
 */
export function refuseNotConsented(res: ServerResponse, app: SandboxApplication | undefined, origin: string | undefined): void {
  entraError(
    res,
    400,
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${app?.appId ?? ''}' named '${app?.displayName ?? ''}'. Send an interactive authorization request for this user and resource.`,
    // Read by the SPA's own cross-origin request, as the provider's answers are (clientBasedCORS).
    origin ? { 'access-control-allow-origin': origin } : {},
    { suberror: 'consent_required' },
  );
}
