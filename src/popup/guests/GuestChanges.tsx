import { useRef, useState } from 'preact/hooks';
import { changeWords, type GuestChangeRecord } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { useStored } from '../parts/use-stored.ts';
import { changeState } from './change-state.ts';

/**
 * The changes made to this guest from the card, newest first, as the background carries them out: watched in
 * storage, so one started before the popup closed shows where it stands when it opens again. `onSettled` runs
 * when one of them ends (the card is read again).
 */
export function GuestChanges({ guestId, onSettled }: { guestId: string; onSettled: () => void }) {
  const [changes, setChanges] = useState<GuestChangeRecord[]>([]);
  const ended = useRef<Set<string> | null>(null);
  const settled = useRef(onSettled);
  settled.current = onSettled;
  useStored(
    [local.guestChanges],
    () =>
      void send('getGuestChanges', {}).then(
        (all) => {
          const mine = all.filter((c) => c.guest.id === guestId).reverse();
          const done = new Set(mine.filter((c) => c.status === 'done').map((c) => c.id));
          const before = ended.current;
          ended.current = done;
          setChanges(mine);
          if (before && [...done].some((id) => !before.has(id))) settled.current();
        },
        () => undefined,
      ),
    [guestId],
  );
  if (!changes.length) return null;
  return (
    <section aria-label={t('cardChanges')}>
      <h3>{t('cardChangesMadeHere')}</h3>
      <ul class="steps" data-testid="guest-changes">
        {changes.slice(0, 8).map((c) => {
          const { state, words } = changeState(c, Date.now());
          return (
            <li key={c.id} data-state={state === 'waiting' ? 'pending' : state} data-kind={c.change.kind}>
              {changeWords(c.change)}: {words}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
