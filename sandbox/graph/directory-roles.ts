import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../paths.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';

interface RoleData {
  displayName: string;
  templateId: string;
  description: string;
  kind: string;
  canInviteGuests?: boolean;
}

/** Entra's built-in directory roles, Microsoft's own template ids (../shared/data). */
const roles = JSON.parse(readFileSync(join(sharedDataDir, 'entra-directory-roles.json'), 'utf8')) as RoleData[];

export function roleTemplate(templateId: string): RoleData | undefined {
  return roles.find((r) => r.templateId === templateId && r.kind === 'directoryRole');
}

/** A directoryRole's object id differs per tenant; derive a stable one from tenant and template. */
function roleObjectId(tenantId: string, templateId: string): string {
  const h = createHash('sha1').update(`${tenantId}:${templateId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function directoryRoleResource(tenant: SandboxTenant, templateId: string): Record<string, unknown> {
  const role = roleTemplate(templateId);
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: roleObjectId(tenant.id, templateId),
    deletedDateTime: null,
    description: role?.description ?? null,
    displayName: role?.displayName ?? null,
    roleTemplateId: templateId,
  };
}

const ADMIN_ROLES_FOR_MEMBER_INVITES = new Set(['62e90394-69f5-4237-9190-012177145e10', 'fe930be7-5e62-47db-91af-98c3a49a38b1']);

/** Whether `allowInvitesFrom` lets this user invite guests (learn: authorizationPolicy). */
export function mayInvite(tenant: SandboxTenant, user: SandboxUser): boolean {
  const inviterRole = user.directoryRoles.some((t) => roleTemplate(t)?.canInviteGuests);
  switch (tenant.authorizationPolicy.allowInvitesFrom) {
    case 'everyone':
      return true;
    case 'adminsGuestInvitersAndAllMembers':
      return inviterRole || user.userType === 'Member';
    case 'adminsAndGuestInviters':
      return inviterRole;
    default:
      return false;
  }
}

/** Only a company administrator may invite someone as a Member. */
export function mayInviteMembers(user: SandboxUser): boolean {
  return user.directoryRoles.some((t) => ADMIN_ROLES_FOR_MEMBER_INVITES.has(t));
}
