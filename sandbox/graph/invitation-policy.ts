import type { ApiResponse } from '../api.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import type { CrossTenantB2bSetting } from '../tenant-policies.ts';
import { defaultB2b, partnerOf } from './cross-tenant.ts';
import { badRequest } from './errors.ts';

/**
 * The B2B allow/deny list (learn: entra/external-id/allow-deny-list): "By default, whatever domains aren't in the
 * allowlist are on the blocklist, and vice versa", and "The list doesn't apply to external users who already redeemed
 * the invitation". Learn documents no error for it, and none was found in Microsoft's troubleshooting pages or issue
 * threads: the message is the sandbox's own, with Graph's usual 400 `Request_BadRequest` (the code STYLE.md maps to
 * `domain_blocked`). Domains match whole and case-insensitively; how Entra treats subdomains is unverified.
 */
function domainRefusal(tenant: SandboxTenant, domain: string, existing?: SandboxUser): ApiResponse | null {
  const list = tenant.collaborationRestrictions;
  if (!list || list.mode === 'allowAll' || existing?.externalUserState === 'Accepted') return null;
  const listed = list.domains.some((d) => d.toLowerCase() === domain);
  if (list.mode === 'denyList' ? !listed : listed) return null;
  return badRequest(`Invitations to the domain '${domain}' are blocked by your organization's collaboration restrictions.`);
}

/** Whether a usersAndGroups setting lets this user (or one of their groups) through; absent lets everyone. */
function lets(setting: CrossTenantB2bSetting | null | undefined, userId: string | undefined, groups: string[]): boolean {
  const ug = setting?.usersAndGroups;
  if (!ug) return true;
  const named = ug.targets.some((t) => t.target === 'AllUsers' || t.target === userId || groups.includes(t.target));
  return ug.accessType === 'allowed' ? named : !named;
}

/**
 * Cross-tenant access settings (learn: entra/external-id/cross-tenant-access-overview): an invitation needs the
 * inviting tenant's B2B collaboration inbound setting (its partner entry for the invitee's tenant, else its default)
 * and the invitee's home tenant's outbound setting to let the invitee through. Learn's troubleshooting page
 * (entra/external-id/troubleshoot, "Invitation is blocked due to cross-tenant access policies") gives the message;
 * the status and code Graph sends with it are not documented, so the sandbox sends 400 `Request_BadRequest`. The
 * settings apply only to invitees of another Microsoft Entra tenant, which for the sandbox means one of its tenants.
 */
function crossTenantRefusal(tenant: SandboxTenant, home: SandboxTenant | undefined, email: string): ApiResponse | null {
  if (!home || home.id === tenant.id) return null;
  const person = home.users.find((u) => u.userType === 'Member' && u.userPrincipalName.toLowerCase() === email);
  const groups = person ? home.groups.filter((g) => g.members.includes(person.id)).map((g) => g.id) : [];
  const inbound = partnerOf(tenant, home.id)?.b2bCollaborationInbound ?? defaultB2b(tenant).b2bCollaborationInbound;
  const outbound = partnerOf(home, tenant.id)?.b2bCollaborationOutbound ?? defaultB2b(home).b2bCollaborationOutbound;
  if (lets(inbound, person?.id, groups) && lets(outbound, person?.id, groups)) return null;
  return badRequest(
    "This invitation is blocked by cross-tenant access settings. Admins in both your organization and the invited user's organization must configure cross-tenant access settings to allow the invitation.",
  );
}

/** Why the tenant may not invite this address now, as Entra answers, or null. */
export function invitationRefusal(
  tenant: SandboxTenant,
  email: string,
  existing: SandboxUser | undefined,
  tenantOf: (domain: string) => SandboxTenant | undefined,
): ApiResponse | null {
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  return domainRefusal(tenant, domain, existing) ?? crossTenantRefusal(tenant, tenantOf(domain), email.toLowerCase());
}
