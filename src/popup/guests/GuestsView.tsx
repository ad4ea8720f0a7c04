import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { userTypeWords } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import type { PageContext } from '../../common/page-context.ts';
import { MoreHits, useDirectorySearch } from '../parts/UserPicker.tsx';
import { lazyView } from '../shell/lazy.tsx';
import { GuestCardView } from './GuestCardView.tsx';
import { type CardWanted, GuestsStart } from './GuestsStart.tsx';
import { TenantSettings } from './TenantSettings.tsx';

const ReviewsHere = lazyView(() => import('../owners/ReviewsHere.tsx').then((m) => m.ReviewsHere));
// Issue 27: loaded only on the Guests tab of a page the extension knows.
const ExternalAccessHere = lazyView(() => import('../owners/ExternalAccessHere.tsx').then((m) => m.ExternalAccessHere));
// Issue 27: the tenant's guest lifecycle policies in words, loaded when asked for.
const LifecyclePolicies = lazyView(() => import('./LifecyclePolicies.tsx').then((m) => m.LifecyclePolicies));
const InactiveGuests = lazyView(() => import('../owners/InactiveGuests.tsx').then((m) => m.InactiveGuests));

/**
 * Find a guest by name or address and open their card; before any search, the admin's recent invitations and the
 * guests who have not accepted (issue 25); the tenant's collaboration settings below. On a page the extension knows
 * (`context`), who from outside can get in there comes first, and its access reviews below (issue 27).
 */
export function GuestsView({
  open,
  onInvitation,
  context,
}: {
  open?: string;
  onInvitation: () => void;
  /** The page the tab is on, from its URL: what "External access here" and the access reviews are about. */
  context?: PageContext | null;
}) {
  const scope = context?.kind === 'azure-resource' ? context.scope : undefined;
  // A Power BI app's audience and an environment's security group are reviewed through Graph (issue 27).
  const groupPage = context?.kind === 'powerbi-app' || context?.kind === 'power-platform-environment' ? context : undefined;
  const [text, setText] = useState(open ?? '');
  const [chosen, setChosen] = useState<string | null>(null);
  // Opened for one address (from Activity, a result card, an invitation known by address): their card once found.
  const [openFor, setOpenFor] = useState(open);
  const [settings, setSettings] = useState(false);
  const [reviews, setReviews] = useState(false);
  const [policies, setPolicies] = useState(false);
  const { hits, error } = useDirectorySearch(text);
  const exact = hits?.find((h) => h.mail?.toLowerCase() === text.trim().toLowerCase());
  const shown = chosen ?? (openFor && exact ? exact.id : null);
  // The search needs two letters (useSearch): until then the tab shows what it starts with.
  const searching = text.trim().length >= 2;
  const openCard = (wanted: CardWanted) => {
    if ('id' in wanted) setChosen(wanted.id);
    else {
      setText(wanted.email);
      setOpenFor(wanted.email);
    }
  };
  return (
    <section aria-label={t('guestsTitle')}>
      {context && !shown && !searching ? <ExternalAccessHere context={context} /> : null}
      <label for="guestSearch">{t('guestsFind')}</label>
      <input
        id="guestSearch"
        autocomplete="off"
        placeholder={t('guestsSearchPlaceholder')}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setChosen(null);
          setOpenFor(undefined);
        }}
      />
      {shown ? (
        <button
          type="button"
          class="link"
          onClick={() => {
            setChosen(null);
            setOpenFor(undefined);
          }}
        >
          {searching ? t('guestsBackToHits') : t('guestsBackToStart')}
        </button>
      ) : null}
      {!shown && !searching ? <GuestsStart onOpen={openCard} /> : null}
      {!shown && !searching ? <InactiveGuests /> : null}
      {!shown && searching && !hits && !error ? (
        <p class="muted" aria-busy="true">
          {t('guestsSearching')}
        </p>
      ) : null}
      {!shown && hits?.length === 0 ? <p class="muted">{t('guestsNoHits')}</p> : null}
      {!shown ? <MoreHits hits={hits} /> : null}
      {!shown && searching ? (
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
      {(scope || groupPage) && !shown && !searching ? (
        reviews ? (
          <ReviewsHere scope={scope} page={groupPage} />
        ) : (
          <button type="button" class="link" onClick={() => setReviews(true)}>
            {t('reviewsOpen')}
          </button>
        )
      ) : null}
      {!shown && !searching ? (
        policies ? (
          <LifecyclePolicies />
        ) : (
          <button type="button" class="link" onClick={() => setPolicies(true)}>
            {t('lifecyclePoliciesOpen')}
          </button>
        )
      ) : null}
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
