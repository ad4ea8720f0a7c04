import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import { type InactiveGuest, REDEEM_DAYS, type InactiveGuests as Read, SIGN_IN_DAYS } from '../../common/inactive-guests.ts';
import { send } from '../../common/send.ts';
import { notReadWords } from '../../logic/listed.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
import { InactiveActions, InactiveProgress, startChanges } from './InactiveActions.tsx';
import { accessWords, standingWords } from './inactive-words.ts';

/**
 * "Inactive guests" (issue 27, Guests tab): the tenant's guests who never redeemed after N days or have not signed in
 * for N days, with their access in one line; many at once disabled (reversible: "Enable again" here) or deleted.
 * Read only once opened: both questions are tenant-wide lists.
 */
export function InactiveGuests() {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" class="link" onClick={() => setOpen(true)}>
        {t('inactiveOpen')}
      </button>
    );
  return <InactiveList />;
}

function DaysField({ id, label, value, onChange }: { id: string; label: string; value: number; onChange: (n: number) => void }) {
  return (
    <label for={id}>
      {label}{' '}
      <input id={id} type="number" min={1} max={3650} value={value} onInput={(e) => onChange(Number(e.currentTarget.value))} />
    </label>
  );
}

function InactiveList() {
  const [redeemDays, setRedeemDays] = useState(REDEEM_DAYS);
  const [signInDays, setSignInDays] = useState(SIGN_IN_DAYS);
  const [asked, setAsked] = useState({ redeemDays: REDEEM_DAYS, signInDays: SIGN_IN_DAYS, n: 0 });
  const [read, setRead] = useState<Read | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [started, setStarted] = useState<string[]>([]);
  const again = () => setAsked((a) => ({ ...a, n: a.n + 1 }));
  const consent = useConsent(['externalAccess'], { onGranted: again });
  useEffect(() => {
    if (consent.state !== 'granted') return;
    let live = true;
    setError(null);
    send('getInactiveGuests', { redeemDays: asked.redeemDays, signInDays: asked.signInDays }).then(
      (r) => live && setRead(r),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [asked, consent.state]);
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= 3650;
  const guests = read?.guests ?? [];
  const toggle = (id: string) => setPicked((p) => new Set(p.has(id) ? [...p].filter((x) => x !== id) : [...p, id]));
  const notRead = [notReadWords(read?.neverRedeemed), notReadWords(read?.notSignedIn)].filter(Boolean);
  return (
    <section aria-labelledby="inactiveTitle" data-testid="inactive-guests">
      <h2 id="inactiveTitle">{t('inactiveTitle')}</h2>
      <ConsentLine consent={consent} words={t('inactiveConsent')} />
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid(redeemDays) && valid(signInDays)) setAsked((a) => ({ redeemDays, signInDays, n: a.n + 1 }));
        }}
      >
        <DaysField id="inactiveRedeemDays" label={t('inactiveRedeemDays')} value={redeemDays} onChange={setRedeemDays} />
        <DaysField id="inactiveSignInDays" label={t('inactiveSignInDays')} value={signInDays} onChange={setSignInDays} />
        <button type="submit" class="secondary" disabled={!valid(redeemDays) || !valid(signInDays)}>
          {t('inactiveFind')}
        </button>
      </form>
      {error ? <ErrorNote error={error} /> : null}
      {consent.state === 'granted' && !read && !error ? (
        <p class="muted" aria-busy="true">
          {t('inactiveReading')}
        </p>
      ) : null}
      {read && read.signIn !== 'read' ? (
        <p class="muted" data-testid="inactive-sign-in">
          {read.signIn === 'needsP1' ? t('inactiveSignInNeedsP1') : t('inactiveSignInNotPermitted')}
        </p>
      ) : null}
      {notRead.map((w) => (
        <p class="muted" key={w}>
          {w}
        </p>
      ))}
      {read ? <p class="muted">{read.guests.length ? t('inactiveAccessNote') : t('inactiveNone')}</p> : null}
      {guests.length ? (
        <label class="check">
          <input
            type="checkbox"
            checked={guests.every((g) => picked.has(g.id))}
            onChange={(e) => setPicked(new Set(e.currentTarget.checked ? guests.map((g) => g.id) : []))}
          />{' '}
          {t('inactiveSelectAll', guests.length)}
        </label>
      ) : null}
      <ul class="choices" data-testid="inactive-rows">
        {guests.map((g) => (
          <Row
            key={g.id}
            guest={g}
            signInKnown={read?.signIn === 'read'}
            picked={picked.has(g.id)}
            onToggle={toggle}
            onStarted={setStarted}
          />
        ))}
      </ul>
      <InactiveProgress ids={started} onSettled={again} />
      <InactiveActions
        chosen={guests.filter((g) => picked.has(g.id))}
        onStarted={(ids) => {
          setPicked(new Set());
          setStarted(ids);
        }}
      />
    </section>
  );
}

function Row(props: {
  guest: InactiveGuest;
  signInKnown: boolean;
  picked: boolean;
  onToggle: (id: string) => void;
  onStarted: (ids: string[]) => void;
}) {
  const g = props.guest;
  return (
    <li data-testid="inactive-row" data-enabled={String(g.enabled)}>
      <label class="check top">
        <input type="checkbox" checked={props.picked} onChange={() => props.onToggle(g.id)} />
        <span>
          <strong>{g.displayName}</strong> <span class="muted">{g.mail}</span>
          <br />
          {standingWords(g, props.signInKnown)}
          <br />
          <span class="muted">{accessWords(g)}</span>
        </span>
      </label>
      {g.enabled ? null : (
        <button type="button" class="link" onClick={() => void startChanges('enable', [g]).then(props.onStarted)}>
          {t('inactiveEnableAgain')}
        </button>
      )}
    </li>
  );
}
