import { useEffect, useState } from 'preact/hooks';
import { type Cloud, SANDBOX_SETTINGS, type Settings, settingsProblem } from '../shared/config.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { send } from '../shared/send.ts';

/** Cloud, tenant and client id. The sandbox choice fills in the sandbox's seeded tenant and app registration. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void send('getSettings', {}).then(setSettings, setError), []);
  if (!settings) return <main>{error ? <ErrorNote error={error} /> : 'Loading…'}</main>;

  const update = (patch: Partial<Settings>) => {
    setSaved(false);
    setSettings({ ...settings, ...patch });
  };
  const chooseCloud = (cloud: Cloud) => update(cloud === 'sandbox' ? SANDBOX_SETTINGS : { cloud, tenant: '', clientId: '' });
  const problem = settingsProblem(settings);
  const save = (e: Event) => {
    e.preventDefault();
    if (problem) return;
    send('saveSettings', settings).then((s) => {
      setSettings(s);
      setSaved(true);
      setError(null);
    }, setError);
  };
  return (
    <main style={{ maxWidth: '520px' }}>
      <h1>Invite Here options</h1>
      <form onSubmit={save}>
        <fieldset>
          <legend>Cloud</legend>
          {(['microsoft', 'sandbox'] as const).map((c) => (
            <label class="check" key={c}>
              <input type="radio" name="cloud" checked={settings.cloud === c} onChange={() => chooseCloud(c)} />
              {c === 'microsoft' ? 'Microsoft (your tenant)' : 'Sandbox cloud'}
            </label>
          ))}
        </fieldset>
        <label for="tenant">Tenant id or domain</label>
        <input
          id="tenant"
          value={settings.tenant}
          disabled={settings.cloud === 'sandbox'}
          onInput={(e) => update({ tenant: e.currentTarget.value })}
          placeholder="contoso.onmicrosoft.com"
        />
        <label for="clientId">Application (client) id</label>
        <input
          id="clientId"
          value={settings.clientId}
          disabled={settings.cloud === 'sandbox'}
          onInput={(e) => update({ clientId: e.currentTarget.value })}
          placeholder="00000000-0000-0000-0000-000000000000"
        />
        <p class="muted">
          Register a single-page application redirect URI of <code>https://{chrome.runtime.id}.chromiumapp.org/</code> in your app
          registration. The README lists the delegated permissions to grant.
        </p>
        {problem && settings.cloud === 'microsoft' && (settings.tenant || settings.clientId) ? (
          <div class="field-error">{problem}</div>
        ) : null}
        <button type="submit" disabled={!!problem}>
          Save
        </button>
        {saved ? <span role="status"> Saved. Sign in again from the toolbar button.</span> : null}
        {error ? <ErrorNote error={error} /> : null}
      </form>
    </main>
  );
}
