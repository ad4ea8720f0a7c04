import type { ApiResponse } from '../api.ts';
import { recordAudit, type SandboxAudit, userTarget } from '../audit.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import { badRequest } from './errors.ts';

/**
 * What the Invited Users service logs (learn: entra/identity/monitoring-health/reference-audit-activities, "Invited
 * users"): "Invite external user", and "Invite external user with reset invitation status" for a reset; a refused
 * invitation is logged too, with result failure and Graph's message as the reason.
 */
export function auditInvitation(
  tenant: SandboxTenant,
  by: SandboxUser,
  outcome: { user: SandboxUser; reset: boolean } | { email: string; refusal: ApiResponse },
): void {
  const failed = 'refusal' in outcome;
  const target: SandboxAudit['targetResources'][number] = failed
    ? { id: '', displayName: outcome.email, type: 'User', userPrincipalName: outcome.email }
    : userTarget(outcome.user);
  const reason = failed ? (outcome.refusal.body as { error?: { message?: string } })?.error?.message : undefined;
  recordAudit(tenant, by, {
    category: 'UserManagement',
    activityDisplayName: !failed && outcome.reset ? 'Invite external user with reset invitation status' : 'Invite external user',
    loggedByService: 'Invited Users',
    operationType: !failed && outcome.reset ? 'Update' : 'Add',
    targetResources: [target],
    ...(failed ? { result: 'failure' as const, resultReason: reason ?? 'The invitation was refused.' } : {}),
  });
}

/**
 * `invitedUserSponsors` (learn: invitation resource): directoryObjects by id, here users of the tenant. An id that
 * names no user is a 400; Graph's wording for it is unverified, so the sandbox uses its usual not-found sentence.
 */
export function sponsorIds(tenant: SandboxTenant, sponsors: unknown): string[] | ApiResponse {
  if (sponsors === undefined || sponsors === null) return [];
  if (!Array.isArray(sponsors)) return badRequest("Invalid value specified for property 'invitedUserSponsors'.");
  const ids: string[] = [];
  for (const s of sponsors) {
    const id = typeof s?.id === 'string' ? s.id.toLowerCase() : '';
    if (!tenant.users.some((u) => u.id === id)) {
      return badRequest(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    }
    ids.push(id);
  }
  return ids;
}
