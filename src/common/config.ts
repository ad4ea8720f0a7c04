import { isGuid } from '../logic/guid.ts';
import { t } from './i18n.ts';

/** Which cloud the extension signs in to. Both use Microsoft's own host names; only tenant and client id differ. */
export type Cloud = 'sandbox' | 'microsoft';

export interface Settings {
  cloud: Cloud;
  /** Tenant id (GUID) or verified domain of the resource tenant. */
  tenant: string;
  /** Application (client) id of the user's own app registration. */
  clientId: string;
}

/** The sandbox cloud's seeded tenant (Contoso) and app registration; see sandbox/seed.json. */
export const SANDBOX_SETTINGS: Settings = {
  cloud: 'sandbox',
  tenant: '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c',
  clientId: '6b1f9f0e-2c4d-4f6a-8e1b-3a5c7d9e0f21',
};

export const DEFAULT_SETTINGS = SANDBOX_SETTINGS;

export const LOGIN_ORIGIN = 'https://login.microsoftonline.com';
export const GRAPH_ORIGIN = 'https://graph.microsoft.com';

export const POWERBI_RESOURCE = 'https://analysis.windows.net/powerbi/api';
export const ARM_ORIGIN = 'https://management.azure.com';
/** Where Power BI's REST API answers (its tokens are for POWERBI_RESOURCE). */
export const POWERBI_API_ORIGIN = 'https://api.powerbi.com';
/** The Power Platform environment API (Microsoft.BusinessAppPlatform); its tokens are for the PowerApps Service. */
export const BAP_ORIGIN = 'https://api.bap.microsoft.com';
/** The Power Platform environment API (BAP); Dataverse's own scope is per environment (`<instance>/user_impersonation`). */
export const POWER_PLATFORM_RESOURCE = 'https://service.powerapps.com';

const graph = (s: string) => `${GRAPH_ORIGIN}/${s}`;
const powerBi = (s: string) => `${POWERBI_RESOURCE}/${s}`;

/** What a person can do with the extension, each needing its own delegated scopes (the table below). */
export type Feature =
  | 'myAccess'
  | 'invite'
  | 'powerBiAccess'
  | 'guestCard'
  | 'partnerNames'
  | 'azureRoles'
  | 'powerPlatform'
  | 'externalAccess'
  | 'groupReviews'
  | 'guestLifecycle';

/**
 * The one table of delegated scopes, by feature, least privilege for what each does. Sign-in asks for My access's,
 * what every person needs, a guest included; each other feature's are asked for the first time it is used
 * (incremental consent, background/core/consent.ts). The onboarding guide and the setup check derive from it too.
 */
export const FEATURE_SCOPES: { feature: Feature; scopes: string[] }[] = [
  // My access (everyone, guests first): who I am, my licences and groups (User.Read covers /me, its licenceDetails
  // and transitiveMemberOf, and /organization); my Azure roles; the Power BI apps I can open and their workspaces.
  {
    feature: 'myAccess',
    scopes: [graph('User.Read'), `${ARM_ORIGIN}/user_impersonation`, ...['App.Read.All', 'Workspace.Read.All'].map(powerBi)],
  },
  // The signed-in user; whether an address is already a guest and in which state (externalUserState is not in the
  // basic profile, so User.Read.All); inviting; who may invite (authorizationPolicy).
  { feature: 'invite', scopes: ['User.Read', 'User.Read.All', 'User.Invite.All', 'Policy.Read.All'].map(graph) },
  // Power BI guests: licences (read units, assign), usage location (PATCH user), the app's audience group; and
  // Power BI REST: read the app, read and add workspace users, capacities, the admin view of an app's audience.
  {
    feature: 'powerBiAccess',
    scopes: [
      ...[
        'LicenseAssignment.Read.All',
        'LicenseAssignment.ReadWrite.All',
        'User.ReadWrite.All',
        'Group.ReadBasic.All',
        'GroupMember.ReadWrite.All',
      ].map(graph),
      ...['App.Read.All', 'Workspace.ReadWrite.All', 'Capacity.Read.All', 'Tenant.Read.All'].map(powerBi),
    ],
  },
  // A guest's card (issue 11): the directory audit log, and creating a dynamic group for a partner's guests.
  { feature: 'guestCard', scopes: ['AuditLog.Read.All', 'Group.ReadWrite.All'].map(graph) },
  // The collaboration settings' partner organizations by name rather than tenant id (issue 25); asked for only there.
  { feature: 'partnerNames', scopes: [graph('CrossTenantInformation.ReadBasic.All')] },
  // Azure Resource Manager acts as the signed-in user; ARM has this one delegated scope.
  { feature: 'azureRoles', scopes: [`${ARM_ORIGIN}/user_impersonation`] },
  { feature: 'powerPlatform', scopes: [`${POWER_PLATFORM_RESOURCE}/User`] },
  // External access here (issue 27): the people and their state, a group's members (transitively), sign-in activity
  // (learn: user-list, signInActivity: AuditLog.Read.All besides a user-read permission), and ARM's grants. A Power BI
  // page adds Power BI access's scopes (the app's audience through the admin view, Tenant.Read.All; a workspace's users;
  // leaving a group and removing a workspace user take their write scopes), an environment's page Power Platform's:
  // the popup asks for those there only, so an Azure owner is never asked for a Power BI admin scope.
  {
    feature: 'externalAccess',
    scopes: [...['User.Read.All', 'GroupMember.Read.All', 'AuditLog.Read.All'].map(graph), `${ARM_ORIGIN}/user_impersonation`],
  },
  // Access reviews of a Power BI app's audience or an environment's security group (issue 27): Graph's access reviews
  // (learn: accessreviewset-post-definitions, AccessReview.ReadWrite.All, an admin's consent), the group's members
  // and their sponsors, and the tenant's licences (subscribedsku-list), so the missing one is said before anything is
  // created. Asked for only when someone opens the reviews of such a page.
  {
    feature: 'groupReviews',
    scopes: ['AccessReview.ReadWrite.All', 'GroupMember.Read.All', 'User.Read.All', 'LicenseAssignment.Read.All'].map(graph),
  },
  // Guest lifecycle policies (issue 27): the tenant's policies, a guest's standing, and attesting to their need
  // (learn: user-attest, delegated only). Asked for only when a card, the list or the Guests tab reads them.
  { feature: 'guestLifecycle', scopes: [graph('LifecyclePolicies-Guests.ReadWrite.All')] },
];

/** The resource a scope belongs to: all before its last segment (`https://graph.microsoft.com/User.Read`). */
export const resourceOfScope = (scope: string) => scope.slice(0, scope.lastIndexOf('/'));

const scopesOf = (resource: string) => [
  ...new Set(FEATURE_SCOPES.flatMap((f) => f.scopes).filter((s) => resourceOfScope(s) === resource)),
];

/** ARM's scopes: what the sign-in meeting ARM's claims challenge asks for. */
export const ARM_SCOPES = scopesOf(ARM_ORIGIN);

/** A feature's scopes, from the table. */
export const featureScopes = (feature: Feature) => FEATURE_SCOPES.find((f) => f.feature === feature)?.scopes ?? [];

/** What sign-in asks for: My access's scopes, none of them an admin's. */
export const SIGN_IN_SCOPES = featureScopes('myAccess');

/**
 * Delegated permissions an administrator must consent to ("Admin consent required: Yes" in Microsoft Graph's
 * permissions reference, learn: graph/permissions-reference; Power BI's admin API permissions). A person who is not
 * an admin meets "Need admin approval" when asked for one the tenant has not consented (AADSTS90094).
 */
const ADMIN_CONSENT = new Set(
  [
    ...[
      'User.Read.All',
      'User.ReadWrite.All',
      'User.Invite.All',
      'Policy.Read.All',
      'LicenseAssignment.Read.All',
      'LicenseAssignment.ReadWrite.All',
      'Group.ReadBasic.All',
      'Group.ReadWrite.All',
      'GroupMember.ReadWrite.All',
      'GroupMember.Read.All',
      'AuditLog.Read.All',
      'CrossTenantInformation.ReadBasic.All',
      'AccessReview.ReadWrite.All',
      'LifecyclePolicies-Guests.ReadWrite.All',
    ].map(graph),
    ...['Tenant.Read.All'].map(powerBi),
  ].map((s) => s.toLowerCase()),
);

export const needsAdminConsent = (scope: string) => ADMIN_CONSENT.has(scope.toLowerCase());

/** Every resource the table names, in its order: the setup check asks each for the scopes it has granted. */
export const SCOPE_RESOURCES = [...new Set(FEATURE_SCOPES.flatMap((f) => f.scopes.map(resourceOfScope)))];

const DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}$/i;

export const isTenant = (value: string) => isGuid(value) || DOMAIN.test(value);
export const isClientId = (value: string) => isGuid(value);
export const isCloud = (value: string): value is Cloud => value === 'sandbox' || value === 'microsoft';

/** What is wrong with these settings, in words, or null when they can be used. */
export function settingsProblem(s: Settings): string | null {
  if (!isClientId(s.clientId)) return t('settingsClientIdBad');
  if (!isTenant(s.tenant)) return t('settingsTenantBad');
  return null;
}

/** The settings an organization can push by policy (chrome.storage.managed; public/managed-schema.json). */
export type ManagedField = keyof Settings;

/** Settings as Options shows them: which fields the organization's policy sets, and what is wrong, in words. */
export interface SettingsView {
  settings: Settings;
  managed: ManagedField[];
  problem: string | null;
}

export const authorityFor = (s: Settings) => `${LOGIN_ORIGIN}/${s.tenant}`;

/** The offscreen document that runs MSAL, as packaged. */
export const OFFSCREEN_PATH = 'src/offscreen/index.html';

/** Where a guest lands after redeeming when nothing better is known: Microsoft's My Apps portal. */
export const DEFAULT_REDIRECT_URL = 'https://myapps.microsoft.com';
