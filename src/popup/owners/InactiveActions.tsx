import { useRef, useState } from 'preact/hooks';
import type { GuestChange, GuestChangeRecord } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import type { InactiveGuest } from '../../common/inactive-guests.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { ConfirmBox } from '../parts/ConfirmBox.tsx';
import { useStored } from '../parts/use-stored.ts';

type Action = 'disable' | 'delete';

const changeOf = (action: Action | 'enable', g: InactiveGuest): GuestChange =>
  action === 'delete'
    ? { kind: 'deleteUser', user: { userPrincipalName: g.userPrincipalName, userType: g.userType, external: true } }
    : { kind: action === 'disable' ? 'disableUser' : 'enableUser' };

/** Each guest's change, one operation of the engine each (the guest card's own kind), listed in Activity. */
export async function startChanges(action: Action | 'enable', guests: InactiveGuest[]): Promise<string[]> {
  const ids: string[] = [];
  for (const g of guests) {
    const guest = { id: g.id, mail: g.mail, displayName: g.displayName };
    ids.push((await send('startGuestChange', { guest, change: changeOf(action, g) })).id);
  }
  return ids;
}

/** Disable or delete the chosen guests: one sentence saying what happens, then each an operation. */
export function InactiveActions({ chosen, onStarted }: { chosen: InactiveGuest[]; onStarted: (ids: string[]) => void }) {
  const [asking, setAsking] = useState<Action | null>(null);
  const n = chosen.length;
  if (!asking)
    return (
      <div class="row">
        <button type="button" class="secondary" disabled={n === 0} onClick={() => setAsking('disable')}>
          {t('inactiveDisable', n)}
        </button>
        <button type="button" class="secondary danger" disabled={n === 0} onClick={() => setAsking('delete')}>
          {t('inactiveDelete', n)}
        </button>
      </div>
    );
  const label = asking === 'disable' ? t('inactiveDisable', n) : t('inactiveDelete', n);
  return (
    <ConfirmBox
      label={label}
      confirmLabel={asking === 'disable' ? t('inactiveConfirmDisable', n) : t('inactiveConfirmDelete', n)}
      danger={asking === 'delete'}
      onConfirm={async () => {
        const ids = await startChanges(asking, chosen);
        setAsking(null);
        onStarted(ids);
      }}
      onCancel={() => setAsking(null)}
    >
      <p data-testid="inactive-sentence">
        {asking === 'disable' ? t('inactiveDisableSentence', n) : t('inactiveDeleteSentence', n)}
      </p>
    </ConfirmBox>
  );
}

/** Where the changes started here stand, watched in storage: what each did, once done. */
export function InactiveProgress({ ids, onSettled }: { ids: string[]; onSettled: () => void }) {
  const [records, setRecords] = useState<GuestChangeRecord[]>([]);
  // Read the list again once, when all of them have ended, not at each later change in storage.
  const settledFor = useRef('');
  const key = ids.join(' ');
  useStored(
    [local.guestChanges],
    () =>
      void send('getGuestChanges', {}).then(
        (all) => {
          const mine = all.filter((c) => ids.includes(c.id));
          setRecords(mine);
          if (ids.length && settledFor.current !== key && mine.length === ids.length && mine.every((c) => c.status === 'done')) {
            settledFor.current = key;
            onSettled();
          }
        },
        () => undefined,
      ),
    [key],
  );
  if (!ids.length) return null;
  const done = records.filter((c) => c.status === 'done').length;
  return (
    <div role="status" data-testid="inactive-progress">
      <p>{t('inactiveProgress', done, ids.length)}</p>
      <ul class="steps">
        {records.map((c) => {
          const failed = c.steps.find((s) => s.state === 'failed');
          return (
            <li key={c.id} data-state={failed ? 'failed' : c.status}>
              {c.guest.displayName}:{' '}
              {failed ? (failed.error ?? t('cardChangeNotDone')) : c.status === 'done' ? c.outcome : t('cardChangeUnderWay')}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
