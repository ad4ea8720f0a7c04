import { useEffect, useState } from 'preact/hooks';
import { changeWords, type GuestChangeRecord } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { changeState } from '../guests/change-state.ts';
import { useStored } from '../parts/use-stored.ts';

/**
 * How long the removals may stay unchanged in storage before the view asks after them anyway: asking wakes the
 * worker if Chrome stopped it (nothing else would before its alarm), as the bulk view does.
 */
const QUIET_MS = 2000;

/**
 * The removals just started from "External access here", each as the background carries it out: removed (what it
 * did), waiting (for a sign-in, or for Microsoft after a 429 or a 503), or failed and why.
 */
export function TakeBackProgress({ ids }: { ids: string[] }) {
  const [changes, setChanges] = useState<GuestChangeRecord[]>([]);
  const [asked, setAsked] = useState(0);
  useStored(
    [local.guestChanges],
    () =>
      void send('getGuestChanges', {}).then(
        (all) => setChanges(ids.flatMap((id) => all.filter((c) => c.id === id))),
        () => undefined,
      ),
    [ids.join(), asked],
  );
  const open = changes.some((c) => c.status !== 'done');
  useEffect(() => {
    if (!open) return;
    const quiet = setTimeout(() => setAsked((n) => n + 1), QUIET_MS);
    return () => clearTimeout(quiet);
  }, [changes, open]);
  if (!changes.length) return null;
  return (
    <ul class="steps" data-testid="take-back-progress" aria-live="polite">
      {changes.map((c) => {
        const { state, words } = changeState(c, Date.now());
        return (
          <li key={c.id} data-state={state}>
            {t('takeBackLine', c.guest.displayName, changeWords(c.change), words)}
          </li>
        );
      })}
    </ul>
  );
}
