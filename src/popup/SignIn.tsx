import { useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import type { SessionState } from '../shared/model.ts';
import { send } from '../shared/send.ts';

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
      <h1>Invite Here</h1>
      {session.interactionRequired ? (
        <p role="status">Your sign-in for {session.account?.username} has expired. Sign in again to continue.</p>
      ) : (
        <p>Sign in with your work account to invite guests from the page you are on.</p>
      )}
      <button type="button" onClick={start} disabled={waiting}>
        Sign in
      </button>
      {waiting ? (
        <p class="muted" role="status">
          Finish signing in in the window that opened.
        </p>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
