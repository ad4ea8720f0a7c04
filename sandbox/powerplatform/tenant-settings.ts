/**
 * Power Platform tenant settings, as `POST {bap}/providers/Microsoft.BusinessAppPlatform/listTenantSettings` answers
 * (learn: https://learn.microsoft.com/power-platform/admin/list-tenantsettings): the documented example's fields,
 * of which the sandbox keeps the two that concern sharing with guests.
 */
import type { SandboxTenant } from '../store.ts';

export function tenantSettings(tenant: SandboxTenant) {
  const kept = tenant.powerPlatform?.tenantSettings ?? { enableGuestsToMake: false, disableShareWithEveryone: false };
  return {
    walkMeOptOut: false,
    disableNPSCommentsReachout: false,
    disableNewsletterSendout: false,
    disableEnvironmentCreationByNonAdminUsers: false,
    disablePortalsCreationByNonAdminUsers: false,
    disableSurveyFeedback: false,
    disableTrialEnvironmentCreationByNonAdminUsers: false,
    disableCapacityAllocationByEnvironmentAdmins: false,
    disableSupportTicketsVisibleByAllUsers: false,
    powerPlatform: {
      search: { disableDocsSearch: false, disableCommunitySearch: false, disableBingVideoSearch: false },
      teamsIntegration: { shareWithColleaguesUserLimit: 10000 },
      powerApps: { disableShareWithEveryone: kept.disableShareWithEveryone, enableGuestsToMake: kept.enableGuestsToMake },
    },
  };
}

/**
 * The control API's stand-in for the admin center's Settings > Product > Features toggles (Set-TenantSettings in
 * PowerShell): `PATCH /tenants/{id}/powerPlatform/tenantSettings` with `{ enableGuestsToMake?, disableShareWithEveryone? }`.
 */
export function setTenantSettings(tenant: SandboxTenant, body: Record<string, unknown>): { status: number; body: unknown } {
  const keys = Object.keys(body);
  const known = ['enableGuestsToMake', 'disableShareWithEveryone'];
  if (keys.some((k) => !known.includes(k) || typeof body[k] !== 'boolean')) {
    return { status: 400, body: { error: `send booleans for ${known.join(', ')} only` } };
  }
  if (!tenant.powerPlatform) return { status: 404, body: { error: `tenant ${tenant.id} has no Power Platform` } };
  Object.assign(tenant.powerPlatform.tenantSettings, body);
  return { status: 200, body: tenant.powerPlatform.tenantSettings };
}
