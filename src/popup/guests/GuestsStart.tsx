import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { PendingGuest, PendingGuests, RecentInvitation, RecentInvitations, RecentState } from '../../common/guests-start.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { formatDateTime, formatDuration, formatNumber } from '../../logic/format.ts';
import type { ReadExtent } from '../../logic/listed.ts';
import { useStored } from '../parts/use-stored.ts';

/** Whom to open: a user by id, or an address to find first (an invitation known by address only). */
export type CardWanted = { id: string } | { email: string };

const STATE_WORDS: Record<RecentState, () => string> = {
  sending: () => t('guestsRecentSending'),
  invited: () => t('guestsRecentInvited'),
  resent: () => t('guestsRecentResent'),
  reset: () => t('guestsRecentReset'),
  failed: () => t('guestsRecentFailed'),
};

/** "Showing the 10 newest of 14": said whenever a list holds more than it shows. */
function Shown({ extent, testId }: { extent: ReadExtent; testId: string }) {
  if (extent.complete) return null;
  return (
    <p class="muted" data-testid={testId}>
      {extent.total !== null
        ? t('guestsShownOf', formatNumber(extent.read), formatNumber(extent.total))
        : t('guestsShownFirst', formatNumber(extent.read))}
    </p>
  );
}

/** One list of the first screen, with its reading, empty and error states in words, and how much of it is shown. */
function StartList<T>(props: {
  name: 'recent' | 'pending';
  title: string;
  reading: string;
  none: string;
  read: { items: T[]; extent: ReadExtent } | null;
  error: unknown;
  item: (item: T) => ComponentChildren;
}) {
  const { name, read, error } = props;
  return (
    <section aria-labelledby={`guests-${name}-title`}>
      <h2 id={`guests-${name}-title`}>{props.title}</h2>
      {error ? <ErrorNote error={error} /> : null}
      {!read && !error ? (
        <p class="muted" aria-busy="true">
          {props.reading}
        </p>
      ) : null}
      {read?.items.length === 0 ? <p class="muted">{props.none}</p> : null}
      <ul class="choices" data-testid={`guests-${name}`}>
        {(read?.items ?? []).map(props.item)}
      </ul>
      {read ? <Shown extent={read.extent} testId={`guests-${name}-shown`} /> : null}
    </section>
  );
}

function RecentList({ onOpen }: { onOpen: (wanted: CardWanted) => void }) {
  const [recent, setRecent] = useState<RecentInvitations | null>(null);
  const [error, setError] = useState<unknown>(null);
  // An invitation made or ended while the tab is open shows at once, as in Activity.
  useStored([local.activity, local.operations], () => void send('getRecentInvitations', {}).then(setRecent, setError), []);
  const open = (r: RecentInvitation) => onOpen(r.guestId ? { id: r.guestId } : { email: r.email });
  return (
    <StartList
      name="recent"
      title={t('guestsRecentTitle')}
      reading={t('guestsRecentReading')}
      none={t('guestsRecentNone')}
      read={recent && { items: recent.invitations, extent: recent.extent }}
      error={error}
      item={(r: RecentInvitation) => (
        <li key={r.email} data-state={r.state}>
          <button type="button" class="link" onClick={() => open(r)}>
            {r.name ?? r.email}
          </button>
          <div class="muted">
            {r.name ? `${r.email} · ` : ''}
            {formatDateTime(r.at)} · {STATE_WORDS[r.state]()}
          </div>
          {r.error ? <div class="field-error">{r.error}</div> : null}
        </li>
      )}
    />
  );
}

function PendingList({ onOpen }: { onOpen: (wanted: CardWanted) => void }) {
  const [pending, setPending] = useState<PendingGuests | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    send('getPendingGuests', {}).then(setPending, setError);
  }, []);
  const now = Date.now();
  return (
    <StartList
      name="pending"
      title={t('guestsPendingTitle')}
      reading={t('guestsPendingReading')}
      none={t('guestsPendingNone')}
      read={pending && { items: pending.guests, extent: pending.extent }}
      error={error}
      item={(g: PendingGuest) => (
        <li key={g.id}>
          <button type="button" class="link" onClick={() => onOpen({ id: g.id })}>
            {g.displayName}
          </button>
          <div class="muted">
            {g.mail ?? g.userPrincipalName}
            {g.pendingSince ? ` · ${t('guestsPendingFor', formatDuration((now - Date.parse(g.pendingSince)) / 1000, 1))}` : ''}
          </div>
        </li>
      )}
    />
  );
}

/** The Guests tab before any search (issue 25): the admin's recent invitations, then the guests who have not accepted. */
export function GuestsStart({ onOpen }: { onOpen: (wanted: CardWanted) => void }) {
  return (
    <div data-testid="guests-start">
      <RecentList onOpen={onOpen} />
      <PendingList onOpen={onOpen} />
    </div>
  );
}
