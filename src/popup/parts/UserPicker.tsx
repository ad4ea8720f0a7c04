import { useId, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { DirectoryHit } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { formatNumber } from '../../logic/format.ts';
import { SEARCH_HITS } from '../../logic/inputs.ts';
import { useSearch } from './use-search.ts';

/** Finds users of this directory by words of their name or address, as they are typed. */
export function useDirectorySearch(text: string, only?: 'Member' | 'Guest') {
  return useSearch<DirectoryHit>(text, (typed) => send('searchDirectory', only ? { text: typed, only } : { text: typed }));
}

/** Choose one user (a sponsor: a member of this directory) by typing the start of their name or address. */
export function UserPicker({
  label,
  chosen,
  onChoose,
}: {
  label: string;
  chosen?: { id: string; displayName: string };
  onChoose: (user: { id: string; displayName: string } | undefined) => void;
}) {
  const [text, setText] = useState('');
  const { hits, error } = useDirectorySearch(text, /* not text */ 'Member');
  const id = useId();
  if (chosen)
    return (
      <div class="row">
        <span>
          {label}: <strong data-testid="chosen-user">{chosen.displayName}</strong>
        </span>
        <button type="button" class="link" onClick={() => onChoose(undefined)}>
          {t('pickerChange')}
        </button>
      </div>
    );
  return (
    <div>
      <label for={id}>{label}</label>
      <input
        id={id}
        autocomplete="off"
        placeholder={t('pickerPlaceholder')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {hits?.length === 0 ? <p class="muted">{t('pickerNoHits')}</p> : null}
      <MoreHits hits={hits} />
      <ul class="choices">
        {(hits ?? []).map((u) => (
          <li key={u.id}>
            <button type="button" class="link" onClick={() => onChoose({ id: u.id, displayName: u.displayName })}>
              {u.displayName} <span class="muted">{u.mail ?? u.userPrincipalName}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}

/** A search shows its first few: when it may have found more, the view says so rather than cutting silently. */
export function MoreHits({ hits }: { hits: unknown[] | null }) {
  return hits && hits.length >= SEARCH_HITS ? (
    <p class="muted" data-testid="more-hits">
      {t('pickerMoreHits', formatNumber(SEARCH_HITS))}
    </p>
  ) : null;
}
