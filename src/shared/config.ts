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

/**
 * Least privilege for what the extension does today: the signed-in user (User.Read), whether an address is already
 * a guest and in which state (User.Read.All: externalUserState is not in the basic profile), inviting
 * (User.Invite.All), and who may invite (Policy.Read.All, for authorizationPolicy).
 */
export const GRAPH_SCOPES = [
  `${GRAPH_ORIGIN}/User.Read`,
  `${GRAPH_ORIGIN}/User.Read.All`,
  `${GRAPH_ORIGIN}/User.Invite.All`,
  `${GRAPH_ORIGIN}/Policy.Read.All`,
  // Power BI guests: licences (read units, assign), usage location (PATCH user), the app's audience group.
  `${GRAPH_ORIGIN}/LicenseAssignment.Read.All`,
  `${GRAPH_ORIGIN}/LicenseAssignment.ReadWrite.All`,
  `${GRAPH_ORIGIN}/User.ReadWrite.All`,
  `${GRAPH_ORIGIN}/Group.ReadBasic.All`,
  `${GRAPH_ORIGIN}/GroupMember.ReadWrite.All`,
  // A guest's card (issue 11): the directory audit log, and creating a dynamic group for a partner's guests.
  `${GRAPH_ORIGIN}/AuditLog.Read.All`,
  `${GRAPH_ORIGIN}/Group.ReadWrite.All`,
];

export const POWERBI_RESOURCE = 'https://analysis.windows.net/powerbi/api';

/** Power BI REST: read the app, read and add workspace users, read capacities, and the admin view of an app's audience. */
export const POWERBI_SCOPES = ['App.Read.All', 'Workspace.ReadWrite.All', 'Capacity.Read.All', 'Tenant.Read.All'].map(
  (s) => `${POWERBI_RESOURCE}/${s}`,
);

export const ARM_ORIGIN = 'https://management.azure.com';
/** Azure Resource Manager acts as the signed-in user; ARM has this one delegated scope. */
export const ARM_SCOPES = [`${ARM_ORIGIN}/user_impersonation`];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}$/i;

/** What is wrong with these settings, in words, or null when they can be used. */
export function settingsProblem(s: Settings): string | null {
  if (!GUID.test(s.clientId)) return 'The client id must be the GUID shown as "Application (client) ID" in Entra.';
  if (!GUID.test(s.tenant) && !DOMAIN.test(s.tenant)) {
    return 'The tenant must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com.';
  }
  return null;
}

export const authorityFor = (s: Settings) => `${LOGIN_ORIGIN}/${s.tenant}`;

/** The offscreen document that runs MSAL, as packaged. */
export const OFFSCREEN_PATH = 'src/offscreen/index.html';

/** Where a guest lands after redeeming when nothing better is known: Microsoft's My Apps portal. */
export const DEFAULT_REDIRECT_URL = 'https://myapps.microsoft.com';
