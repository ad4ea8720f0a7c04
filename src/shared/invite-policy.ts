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

const WHERE = 'Entra ID › External Identities › External collaboration settings › Guest invite settings';

export function invitePermission(
  allowInvitesFrom: string | null,
  caller: { userType: string | null; roleTemplateIds: string[] },
): InvitePermission {
  const role = caller.roleTemplateIds.map((id) => own(INVITER_ROLES, id)).find(Boolean);
  const isMember = caller.userType !== 'Guest';
  const verdict = (allowed: boolean, reason: string): InvitePermission => ({ allowed, setting: allowInvitesFrom, reason });
  switch (allowInvitesFrom) {
    case 'everyone':
      return verdict(true, 'Everyone in your organization, guests included, may invite guests.');
    case 'adminsGuestInvitersAndAllMembers':
      return isMember || role
        ? verdict(true, 'Members of your organization may invite guests.')
        : verdict(
            false,
            `Your organization lets members and administrators invite guests, but not guests like you. An administrator can change this in ${WHERE}.`,
          );
    case 'adminsAndGuestInviters':
      return role
        ? verdict(true, `You may invite guests as ${role}.`)
        : verdict(
            false,
            `Your organization lets only administrators and people with the Guest Inviter role invite guests, and you have neither. Ask a User Administrator to give you the Guest Inviter role, or to change ${WHERE}.`,
          );
    case 'none':
      return verdict(
        false,
        `Your organization does not let anyone invite guests, administrators included. A Global Administrator can change this in ${WHERE}.`,
      );
    default:
      return {
        allowed: null,
        setting: allowInvitesFrom,
        reason:
          'Could not read who may invite guests in your organization (the app needs Policy.Read.All); Microsoft will check when you send.',
      };
  }
}
