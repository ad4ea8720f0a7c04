import { t } from '../../common/i18n.ts';
import type { InactiveGuest } from '../../common/inactive-guests.ts';
import { formatDate, formatNumber } from '../../logic/format.ts';

/** An inactive guest's state and last sign-in, in words: "invitation pending since 24 Oct 2026 · never signed in". */
export function standingWords(g: InactiveGuest, signInKnown: boolean): string {
  const state =
    g.state === 'PendingAcceptance'
      ? t('inactivePendingSince', g.pendingSince ? formatDate(g.pendingSince) : '?')
      : t('inactiveRedeemed');
  const signIn = !signInKnown
    ? t('inactiveSignInUnknown')
    : g.lastSignIn
      ? t('inactiveLastSignIn', formatDate(g.lastSignIn))
      : t('inactiveNeverSignedIn');
  return [state, signIn, ...(g.enabled ? [] : [t('inactiveDisabled')])].join(' · ');
}

/**
 * Their access in one line, from what the list read cheaply: groups (nested ones included) and licenses. Azure
 * roles, Power BI and Power Platform access are on the guest's card, read per person (the view says so once).
 */
export function accessWords(g: InactiveGuest): string {
  const groups =
    g.groups === null ? t('inactiveGroupsUnknown') : t('inactiveGroups', `${formatNumber(g.groups)}${g.groupsMore ? '+' : ''}`);
  return [groups, t('inactiveLicenses', formatNumber(g.licenses))].join(' · ');
}
