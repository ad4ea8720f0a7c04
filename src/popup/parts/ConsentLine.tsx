import { useEffect, useState } from 'preact/hooks';
import type { Feature } from '../../common/config.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { type ConsentState, standing } from '../../common/setup.ts';

export interface Consent {
  /** Null while not yet known. */
  state: ConsentState | null;
  busy: boolean;
  error: unknown;
  allow: () => void;
}

/**
 * Whether the scopes a view reads with were granted (issue 23: each feature's scopes are asked for when first used,
 * and a read made before that fails in words the person cannot act on). The Allow button asks for them in place,
 * and `onGranted` reads again. `active`: whether the view is shown at all. `known`: where they stand, when the read's
 * own answer said so (then nothing is asked).
 */
export function useConsent(
  features: Feature[],
  { active = true, onGranted, known }: { active?: boolean; onGranted?: () => void; known?: ConsentState } = {},
): Consent {
  const [state, setState] = useState<ConsentState | null>(known ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // By its words: a view passes a new array at each render.
  const key = features.join(' ');
  useEffect(() => {
    if (known !== undefined) {
      setState(known);
      return;
    }
    if (!active) return;
    const asked = key.split(' ') as Feature[];
    // What cannot be learnt does not hold a view back: its reads run and say what failed, as before.
    send('getConsent', { features: asked }).then(
      (c) => setState(standing(c, asked)),
      () => setState('granted'),
    );
  }, [key, active, known]);
  const allow = () => {
    setBusy(true);
    setError(null);
    send('consent', { features })
      .then((c) => {
        setState(standing(c, features));
        // The view reads again, now with the scopes.
        onGranted?.();
      }, setError)
      .finally(() => setBusy(false));
  };
  return { state, busy, error, allow };
}

/** One line saying what still needs the person's consent, with the button that asks for it; nothing once granted. */
export function ConsentLine({ consent, words }: { consent: Consent; words: string }) {
  if (consent.state === null || consent.state === 'granted') return null;
  return (
    <div class="note" role="status" data-testid="consent-line">
      {words}
      {consent.state === 'adminConsent' ? ` ${t('consentAdminNote')}` : null}{' '}
      <button type="button" disabled={consent.busy} onClick={consent.allow}>
        {t('consentAllow')}
      </button>
      {consent.error ? <ErrorNote error={consent.error} /> : null}
    </div>
  );
}
