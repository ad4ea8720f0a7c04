import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import type { SessionState } from '../../common/model.ts';
import { send } from '../../common/send.ts';

/**
 * Sign-in runs in the background (a launchWebAuthFlow window); this popup usually closes when that window takes
 * focus, so it only starts the flow and says where to finish it.
 */
export function SignIn({ session, onSignedIn }: { session: SessionState; onSignedIn: (s: SessionState) => void }) {
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = () => {
    setWaiting(true);
    setError(null);
    send('signIn', {})
      .then(onSignedIn, setError)
      .finally(() => setWaiting(false));
  };
  return (
    <section>
      <h1>{t('extName')}</h1>
      {session.interactionRequired ? (
        <p role="status">{t('signInExpired', session.account?.username ?? '')}</p>
      ) : (
        <p>{t('signInIntro')}</p>
      )}
      <button type="button" onClick={start} disabled={waiting}>
        {t('signInButton')}
      </button>
      {waiting ? (
        <p class="muted" role="status">
          {t('signInWaiting')}
        </p>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
