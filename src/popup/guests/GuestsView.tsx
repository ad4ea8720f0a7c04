import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { userTypeWords } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { MoreHits, useDirectorySearch } from '../parts/UserPicker.tsx';
import { GuestCardView } from './GuestCardView.tsx';
import { TenantSettings } from './TenantSettings.tsx';

/** Find a guest by name or address and open their card; the tenant's collaboration settings below. */
export function GuestsView({ open, onInvitation }: { open?: string; onInvitation: () => void }) {
  const [text, setText] = useState(open ?? '');
  const [chosen, setChosen] = useState<string | null>(null);
  const [settings, setSettings] = useState(false);
  const { hits, error } = useDirectorySearch(text);
  // Opened for one address (from Activity or a result card): their card as soon as the search finds them.
  const exact = hits?.find((h) => h.mail?.toLowerCase() === text.trim().toLowerCase());
  const shown = chosen ?? (open && exact ? exact.id : null);
  return (
    <section aria-label={t('guestsTitle')}>
      <label for="guestSearch">{t('guestsFind')}</label>
      <input
        id="guestSearch"
        autocomplete="off"
        placeholder={t('guestsSearchPlaceholder')}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setChosen(null);
        }}
      />
      {!shown && hits?.length === 0 ? <p class="muted">{t('guestsNoHits')}</p> : null}
      {!shown ? <MoreHits hits={hits} /> : null}
      {!shown ? (
        <ul class="choices" data-testid="guest-hits">
          {(hits ?? []).map((u) => (
            <li key={u.id}>
              <button type="button" class="link" onClick={() => setChosen(u.id)}>
                {u.displayName}{' '}
                <span class="muted">
                  {u.mail ?? u.userPrincipalName} · {userTypeWords(u.userType)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
      {shown ? <GuestCardView key={shown} id={shown} onInvitation={onInvitation} /> : null}
      {settings ? (
        <TenantSettings />
      ) : (
        <button type="button" class="link" onClick={() => setSettings(true)}>
          {t('guestsSettingsOpen')}
        </button>
      )}
    </section>
  );
}
