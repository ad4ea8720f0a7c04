import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { type PoliciesRead, policyWords } from '../../common/guest-lifecycle.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';

/**
 * The tenant's guest lifecycle policies in words (issue 27): how often guests are attested, what else keeps them in
 * good standing, and what happens to those who fall out of it. Without Microsoft Entra ID Governance it says so.
 */
export function LifecyclePolicies() {
  const [read, setRead] = useState<PoliciesRead | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reads, setReads] = useState(0);
  // `reads` asks for the read again once consent is given.
  useEffect(() => {
    send('getLifecyclePolicies', {}).then(setRead, setError);
  }, [reads]);
  const consent = useConsent(['guestLifecycle'], { onGranted: () => setReads((n) => n + 1) });
  return (
    <section aria-label={t('lifecyclePoliciesTitle')} data-testid="lifecycle-policies">
      <h3>{t('lifecyclePoliciesTitle')}</h3>
      <ConsentLine consent={consent} words={t('consentGuestLifecycle')} />
      {error ? <ErrorNote error={error} /> : null}
      {!read && !error ? (
        <p class="muted" aria-busy="true">
          {t('lifecyclePoliciesReading')}
        </p>
      ) : null}
      {read?.kind === 'unlicensed' ? (
        <p class="note" role="status">
          {t('lifecycleNeedsGovernance')} {t('lifecycleStillOffered')}
        </p>
      ) : null}
      {read?.kind === 'notPermitted' ? <p class="muted">{t('lifecycleNotPermitted', read.message)}</p> : null}
      {read?.kind === 'read' && read.policies.length === 0 ? <p class="muted">{t('lifecyclePoliciesNone')}</p> : null}
      {read?.kind === 'read' && read.policies.length ? (
        <ul>
          {read.policies.map((p) => (
            <li key={p.id} data-testid="lifecycle-policy">
              <strong>{p.isEnabled ? p.displayName : t('lifecyclePolicyOff', p.displayName)}</strong>: {policyWords(p)}.
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
