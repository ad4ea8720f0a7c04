import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { type DeletedUser, restorableUntil } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { formatDateTime } from '../../logic/format.ts';
import { ConfirmChange } from './ConfirmChange.tsx';

/**
 * A user no longer in the directory, as Deleted users holds them: when they were deleted, until when Entra keeps
 * them, and their restore (issue 25), an operation like every change from a card.
 */
export function RestoreUser({ id, onStarted }: { id: string; onStarted?: () => void }) {
  const [deleted, setDeleted] = useState<DeletedUser | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void send('getDeletedUser', { id }).then(setDeleted, setError), [id]);
  if (error) return <ErrorNote error={error} />;
  if (deleted === undefined) return null;
  if (deleted === null) return <p class="muted">{t('restoreNotInDeletedUsers')}</p>;
  const at = Date.parse(deleted.deletedDateTime);
  return (
    <div data-testid="restore-user">
      <p>{t('restoreDeletedOn', formatDateTime(at), formatDateTime(restorableUntil(at)))}</p>
      <ConfirmChange
        label={t('restoreUser')}
        confirmLabel={t('restoreConfirm')}
        guest={{ id, mail: deleted.mail ?? deleted.userPrincipalName, displayName: deleted.displayName }}
        change={{
          kind: 'restoreUser',
          user: {
            userPrincipalName: deleted.userPrincipalName,
            userType: deleted.userType,
            external: /#EXT#/i.test(deleted.userPrincipalName),
          },
        }}
        onStarted={onStarted}
      />
    </div>
  );
}
