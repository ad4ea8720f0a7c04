import { t } from '../common/i18n.ts';
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

// Functions, so the words are read in the language of the moment they are shown.
const INVITES_FROM: Record<string, () => string> = {
  none: () => t('settingsInvitesNone'),
  adminsAndGuestInviters: () => t('settingsInvitesAdmins'),
  adminsGuestInvitersAndAllMembers: () => t('settingsInvitesMembers'),
  everyone: () => t('settingsInvitesEveryone'),
};

/** Guest user access levels: Microsoft's fixed role ids (learn: authorizationPolicy, guestUserRoleId). */
const GUEST_ACCESS: Record<string, () => string> = {
  'a0b1b346-4d3e-4e8b-98f8-753987be4970': () => t('settingsGuestAccessSame'),
  '10dae51f-b6af-4016-8d66-8c2a99b929b3': () => t('settingsGuestAccessLimited'),
  '2af84b1e-32c8-42b7-82bc-daa82404023b': () => t('settingsGuestAccessRestricted'),
};

export const invitesFromWords = (v: string) => own(INVITES_FROM, v)?.() ?? t('settingsInvitesOther', v);
export const guestAccessWords = (v: string) => own(GUEST_ACCESS, v)?.() ?? t('settingsGuestAccessOther', v);

/** A cross-tenant B2B collaboration setting (users and groups) in words. */
export interface B2bSetting {
  usersAndGroups?: { accessType?: string; targets?: { target?: string }[] } | null;
}

export function b2bWords(s: B2bSetting | null | undefined, direction: 'inbound' | 'outbound'): string {
  const access = s?.usersAndGroups?.accessType;
  const targets = (s?.usersAndGroups?.targets ?? []).map((x) => x.target);
  const all = targets.length === 0 || targets.includes('AllUsers');
  // Whole sentences for each case: how "who", "may" and "where" combine differs from language to language.
  if (access === 'blocked') {
    if (direction === 'inbound') return all ? t('b2bInboundBlockedAll') : t('b2bInboundBlockedChosen');
    return all ? t('b2bOutboundBlockedAll') : t('b2bOutboundBlockedChosen');
  }
  if (access === 'allowed') {
    if (direction === 'inbound') return all ? t('b2bInboundAllowedAll') : t('b2bInboundAllowedChosen');
    return all ? t('b2bOutboundAllowedAll') : t('b2bOutboundAllowedChosen');
  }
  return t('b2bNotSet');
}
