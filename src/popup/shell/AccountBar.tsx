import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import type { SessionState } from '../../common/model.ts';
import { send } from '../../common/send.ts';
import { formatNumber } from '../../logic/format.ts';

export function AccountBar({ session, onSignedOut }: { session: SessionState; onSignedOut: (s: SessionState) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const [clearData, setClearData] = useState(false);
  /** The account's own work not yet sent: the sign-out sentence says what becomes of it. */
  const [unsent, setUnsent] = useState(0);
  const account = session.account;
  if (!account) return null;
  const ask = () => {
    setAsking(true);
    send('getQueued', {}).then(
      (q) => setUnsent(q.mine),
      () => undefined,
    );
  };
  return (
    <header class="account">
      <div>
        <strong data-testid="account-name">{account.name}</strong>
        <div class="muted" data-testid="account-username">
          {account.username}
        </div>
        <div data-testid="tenant">
          {account.tenantName ?? t('shellTenantUnnamed')}
          {session.cloud === 'sandbox' ? <span class="badge">{t('shellSandbox')}</span> : null}
        </div>
        <details class="ids">
          <summary>{t('shellShowIds')}</summary>
          <dl>
            <dt>{t('shellIdTenant')}</dt>
            <dd data-testid="tenant-id">{account.tenantId}</dd>
          </dl>
        </details>
      </div>
      {asking ? null : (
        <button type="button" class="link" onClick={ask}>
          {t('shellSignOut')}
        </button>
      )}
      {asking ? (
        <fieldset class="sign-out" aria-label={t('shellSignOut')}>
          <p>{t('shellSignOutSentence')}</p>
          <label class="check">
            <input type="checkbox" checked={clearData} onChange={(e) => setClearData(e.currentTarget.checked)} />
            {t('shellSignOutClear')}
          </label>
          {unsent ? (
            <p data-testid="sign-out-unsent">
              {clearData ? t('shellSignOutEnds', formatNumber(unsent)) : t('shellSignOutKeeps', formatNumber(unsent))}
            </p>
          ) : null}
          <button type="button" onClick={() => send('signOut', { clearData }).then(onSignedOut, setError)}>
            {t('shellSignOutConfirm')}
          </button>{' '}
          <button type="button" class="link" onClick={() => setAsking(false)}>
            {t('shellKeepSignedIn')}
          </button>
        </fieldset>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </header>
  );
}
