import { useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import type { SessionState } from '../shared/model.ts';
import { send } from '../shared/send.ts';

export function AccountBar({ session, onSignedOut }: { session: SessionState; onSignedOut: (s: SessionState) => void }) {
  const [error, setError] = useState<unknown>(null);
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
      <button type="button" class="link" onClick={() => send('signOut', {}).then(onSignedOut, setError)}>
        Sign out
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </header>
  );
}
