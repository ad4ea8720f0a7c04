import { useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import type { SessionState } from '../shared/model.ts';
import { send } from '../shared/send.ts';

export function AccountBar({ session, onSignedOut }: { session: SessionState; onSignedOut: (s: SessionState) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const [clearData, setClearData] = useState(false);
  const account = session.account;
  if (!account) return null;
  return (
    <header class="account">
      <div>
        <strong data-testid="account-name">{account.name}</strong>
        <div class="muted" data-testid="account-username">
          {account.username}
        </div>
        <div class="muted" data-testid="tenant">
          {account.tenantName ? `${account.tenantName} · ` : ''}tenant {account.tenantId}
          {session.cloud === 'sandbox' ? ' (sandbox)' : ''}
        </div>
      </div>
      {asking ? null : (
        <button type="button" class="link" onClick={() => setAsking(true)}>
          Sign out
        </button>
      )}
      {asking ? (
        <fieldset class="sign-out" aria-label="Sign out">
          <p>This browser forgets every account it signed in with here.</p>
          <label class="check">
            <input type="checkbox" checked={clearData} onChange={(e) => setClearData(e.currentTarget.checked)} />
            Also clear this browser's bulk results and remembered audience groups
          </label>
          <button type="button" onClick={() => send('signOut', { clearData }).then(onSignedOut, setError)}>
            Confirm sign-out
          </button>{' '}
          <button type="button" class="link" onClick={() => setAsking(false)}>
            Keep me signed in
          </button>
        </fieldset>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </header>
  );
}
