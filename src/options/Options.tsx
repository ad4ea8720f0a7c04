import { useEffect, useState } from 'preact/hooks';
import { browser } from '../common/browser.ts';
import type { SettingsView } from '../common/config.ts';
import { ErrorNote } from '../common/ErrorNote.tsx';
import { t } from '../common/i18n.ts';
import { send } from '../common/send.ts';
import { CheckStep } from './CheckStep.tsx';
import { RegistrationStep } from './RegistrationStep.tsx';
import { SettingsStep } from './SettingsStep.tsx';

/** What the policy sets, field by field. */
const policyKey = (view: SettingsView) => JSON.stringify(view.managed.map((f) => [f, view.settings[f]]));

/**
 * Options is the setup guide first run opens: where to sign in (sandbox or your tenant), the app registration to
 * make (redirect URI and scopes to copy, per feature), and a check of what that registration was granted.
 */
export function Options() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const read = () => void send('getSettings', {}).then(setView, setError);
    read();
    // A policy can arrive (or change) while the page is open: Chromium applies it a moment after start.
    const onChanged = (_: unknown, area: string) => area === 'managed' && read();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!view) {
    return <main aria-busy={!error}>{error ? <ErrorNote error={error} /> : <p>{t('optionsLoading')}</p>}</main>;
  }
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsIntro')}</p>
      <ol class="guide">
        <li>
          {/* A new policy starts the form again from it; saving keeps the form (and its "Saved."). */}
          <SettingsStep key={policyKey(view)} view={view} onSaved={setView} />
        </li>
        <li>
          <RegistrationStep />
        </li>
        <li>
          <CheckStep disabledReason={view.problem} />
        </li>
      </ol>
    </main>
  );
}
