import { t } from '../common/i18n.ts';
import { own } from './own.ts';

/**
 * Who may invite guests, in words. `allowInvitesFrom` is the tenant's "Guest invite settings" (Entra ID ›
 * External Identities › External collaboration settings); the directory roles that can invite are Microsoft's
 * own template ids (../shared/data/entra-directory-roles.json, canInviteGuests).
 */
export const INVITER_ROLES: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '95e79109-95c0-4d8e-aee3-d01accf2d47b': 'Guest Inviter',
};

export interface InvitePermission {
  /** null when the policy could not be read (e.g. Policy.Read.All not consented). */
  allowed: boolean | null;
  setting: string | null;
  reason: string;
}

export function invitePermission(
  allowInvitesFrom: string | null,
  caller: { userType: string | null; roleTemplateIds: string[] },
): InvitePermission {
  const role = caller.roleTemplateIds.map((id) => own(INVITER_ROLES, id)).find(Boolean);
  const isMember = caller.userType !== 'Guest';
  const where = t('policyWhere');
  const verdict = (allowed: boolean, reason: string): InvitePermission => ({ allowed, setting: allowInvitesFrom, reason });
  switch (allowInvitesFrom) {
    case 'everyone':
      return verdict(true, t('policyEveryone'));
    case 'adminsGuestInvitersAndAllMembers':
      return isMember || role ? verdict(true, t('policyMembers')) : verdict(false, t('policyNotGuests', where));
    case 'adminsAndGuestInviters':
      return role ? verdict(true, t('policyAsRole', role)) : verdict(false, t('policyAdminsOnly', where));
    case 'none':
      return verdict(false, t('policyNone', where));
    default:
      return {
        allowed: null,
        setting: allowInvitesFrom,
        reason: t('policyUnreadable'),
      };
  }
}
