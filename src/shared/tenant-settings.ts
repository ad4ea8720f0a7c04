import { own } from './own.ts';

/**
 * The tenant settings that decide who may be invited and what a guest may do, in plain words (issue 11), with the
 * Entra admin center page where each is changed.
 */

export const SETTINGS_PAGES = {
  external:
    'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/CompanyRelationshipsMenuBlade/~/Settings/menuId/ExternalCollaborationSettings',
  crossTenant:
    'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/CompanyRelationshipsMenuBlade/~/CrossTenantAccessSettings/menuId/CrossTenantAccessSettings',
} as const;

const INVITES_FROM: Record<string, string> = {
  none: 'No one may invite guests, administrators included.',
  adminsAndGuestInviters: 'Only administrators and people with the Guest Inviter role may invite guests.',
  adminsGuestInvitersAndAllMembers: 'Members (not guests), administrators and Guest Inviters may invite guests.',
  everyone: 'Everyone in the organization, guests included, may invite guests.',
};

/** Guest user access levels: Microsoft's fixed role ids (learn: authorizationPolicy, guestUserRoleId). */
const GUEST_ACCESS: Record<string, string> = {
  'a0b1b346-4d3e-4e8b-98f8-753987be4970': 'Guests have the same access as members (most inclusive).',
  '10dae51f-b6af-4016-8d66-8c2a99b929b3':
    'Guests have limited access: they see their own profile and the groups they are in, not the whole directory (the default).',
  '2af84b1e-32c8-42b7-82bc-daa82404023b': 'Guests have restricted access: they see only their own profile.',
};

export const invitesFromWords = (v: string) => own(INVITES_FROM, v) ?? `Set to "${v}".`;
export const guestAccessWords = (v: string) => own(GUEST_ACCESS, v) ?? `A guest role of id ${v}.`;

/** A cross-tenant B2B collaboration setting (users and groups) in words. */
export interface B2bSetting {
  usersAndGroups?: { accessType?: string; targets?: { target?: string }[] } | null;
}

export function b2bWords(s: B2bSetting | null | undefined, direction: 'inbound' | 'outbound'): string {
  const access = s?.usersAndGroups?.accessType;
  const targets = (s?.usersAndGroups?.targets ?? []).map((t) => t.target);
  const who = targets.length === 0 || targets.includes('AllUsers') ? 'all users' : 'chosen users and groups';
  const whose = direction === 'inbound' ? `${who} of the other organization` : `${who} of this organization`;
  const where = direction === 'inbound' ? 'be invited here as guests' : 'be invited to the other organization';
  if (access === 'blocked') return `Blocked: ${whose} may not ${where}.`;
  if (access === 'allowed') return `Allowed: ${whose} may ${where}.`;
  return 'Not set here: the default applies.';
}
