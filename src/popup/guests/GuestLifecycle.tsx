import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { GuestChangeRecord } from '../../common/guest-card.ts';
import { type GuestLifecycle as Lifecycle, type PersonFacts, standings, standingWords } from '../../common/guest-lifecycle.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { formatDate } from '../../logic/format.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
import { ConfirmChange } from './ConfirmChange.tsx';

/** Sign-in activity in words: what shows inactivity without the licence too. */
function signInWords(p: PersonFacts): string {
  if (p.signIn === 'needsP1') return t('lifecycleSignInNeedsP1');
  if (p.signIn !== 'read') return '';
  return p.lastSignIn ? t('lifecycleLastSignIn', formatDate(p.lastSignIn)) : t('lifecycleNoSignIn');
}

/**
 * A guest's standing under the guest lifecycle policy that governs them (issue 27), and a sponsor's or admin's
 * attestation in place, an operation of the card's changes. Without Microsoft Entra ID Governance it says so; the
 * attestation then says which licence is missing and sends nothing. `readAgain` changes when the card was read again.
 */
export function GuestLifecycle({ guest, readAgain }: { guest: GuestChangeRecord['guest']; readAgain: unknown }) {
  const [read, setRead] = useState<Lifecycle | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState(false);
  const load = useCallback(() => {
    send('getGuestLifecycle', { id: guest.id }).then(setRead, setError);
  }, [guest.id]);
  // Read again whenever the card was.
  useEffect(load, [load, readAgain]);
  const consent = useConsent(['guestLifecycle'], { onGranted: load });
  const attestLabel = t('lifecycleAttest', guest.displayName);
  if (error) return <ErrorNote error={error} />;
  if (!read)
    return (
      <p class="muted" aria-busy="true">
        {t('lifecycleReading')}
      </p>
    );
  const g = read.governance;
  const facts = (
    <p class="muted">
      {t('lifecycleSponsorCount', read.person.sponsors)} · {signInWords(read.person)}
    </p>
  );
  return (
    <section aria-label={t('lifecycleTitle')} data-testid="guest-lifecycle">
      <h3>{t('lifecycleTitle')}</h3>
      <ConsentLine consent={consent} words={t('consentGuestLifecycle')} />
      {g.kind === 'unlicensed' ? (
        <>
          <p class="note" role="status" data-testid="lifecycle-unlicensed">
            {t('lifecycleNeedsGovernance')} {t('lifecycleStillOffered')}
          </p>
          {facts}
          {/* Offered, so the person learns why it cannot be done: it says which licence is missing, sends nothing. */}
          <button type="button" class="secondary" onClick={() => setRefused(true)}>
            {attestLabel}
          </button>
          {refused ? (
            <p class="error" role="alert">
              {t('lifecycleAttestNeedsLicense')}
            </p>
          ) : null}
        </>
      ) : null}
      {g.kind === 'notGoverned' ? <p class="muted">{t('lifecycleNotGoverned', guest.displayName)}</p> : null}
      {g.kind === 'notPermitted' ? <p class="muted">{t('lifecycleNotPermitted', g.message)}</p> : null}
      {g.kind === 'governed' ? (
        <>
          <p class="muted">{t('lifecycleGovernedBy', g.policy.displayName)}</p>
          <ul data-testid="guest-standing">
            {(() => {
              const s = standings(g, read.person, Date.now());
              return s.length ? s.map((x) => <li key={x.kind}>{standingWords(x)}</li>) : <li>{t('lifecycleInGoodStanding')}</li>;
            })()}
          </ul>
          {facts}
          <ConfirmChange
            label={attestLabel}
            confirmLabel={t('lifecycleConfirmAttest')}
            guest={guest}
            change={{ kind: 'attest' }}
          />
        </>
      ) : null}
    </section>
  );
}
