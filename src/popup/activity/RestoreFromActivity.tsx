import type { ActivityEntry } from '../../common/activity-entry.ts';
import { restorableUntil } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { ConfirmChange } from '../guests/ConfirmChange.tsx';

/**
 * A deletion made from a card can be undone from its Activity entry while Entra keeps the user (30 days), unless a
 * later entry says they were restored already.
 */
export const restorable = (
  e: ActivityEntry,
  entries: ActivityEntry[],
): e is ActivityEntry & Required<Pick<ActivityEntry, 'deletedUser'>> =>
  e.action === 'deleted' &&
  e.outcome === 'succeeded' &&
  !!e.deletedUser &&
  Date.now() < restorableUntil(e.at) &&
  !entries.some((x) => x.action === 'restored' && x.outcome === 'succeeded' && x.subject === e.subject && x.at > e.at);

/** Restore, then the one sentence, then Confirm: a change of the guest card's kind, recorded in Activity. */
export function RestoreFromActivity({ entry }: { entry: ActivityEntry & Required<Pick<ActivityEntry, 'deletedUser'>> }) {
  const { id, displayName, user } = entry.deletedUser;
  return (
    <ConfirmChange
      label={t('restoreUser')}
      confirmLabel={t('restoreConfirm')}
      guest={{ id, mail: entry.subject, displayName }}
      change={{ kind: 'restoreUser', user }}
    />
  );
}
