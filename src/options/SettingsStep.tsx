import { useState } from 'preact/hooks';
import {
  type Cloud,
  type ManagedField,
  SANDBOX_SETTINGS,
  type Settings,
  type SettingsView,
  settingsProblem,
} from '../common/config.ts';
import { ErrorNote } from '../common/ErrorNote.tsx';
import { t } from '../common/i18n.ts';
import { send } from '../common/send.ts';

/** A field the organization's policy sets: shown, not changeable, and said so. */
function ManagedNote({ field, managed }: { field: ManagedField; managed: ManagedField[] }) {
  return managed.includes(field) ? (
    <p class="managed" id={`${field}-managed`}>
      {t('optionsManaged')}
    </p>
  ) : null;
}

/** Step 1: sandbox or your tenant, the tenant and the client id. The sandbox fills in its seeded tenant and app. */
export function SettingsStep({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const [settings, setSettings] = useState<Settings>(view.settings);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { managed } = view;
  const locked = (field: ManagedField) => managed.includes(field) || (field !== 'cloud' && settings.cloud === 'sandbox');
  const update = (patch: Partial<Settings>) => {
    setSaved(false);
    setSettings({ ...settings, ...patch });
  };
  const chooseCloud = (cloud: Cloud) =>
    update(
      cloud === 'sandbox'
        ? SANDBOX_SETTINGS
        : { cloud, tenant: view.settings.cloud === cloud ? view.settings.tenant : '', clientId: '' },
    );
  const problem = settingsProblem(settings);
  const save = (e: Event) => {
    e.preventDefault();
    if (problem) return;
    send('saveSettings', settings).then((v) => {
      setSettings(v.settings);
      onSaved(v);
      setSaved(true);
      setError(null);
    }, setError);
  };
  const describedBy = (field: ManagedField) => (managed.includes(field) ? `${field}-managed` : undefined);
  return (
    <section aria-labelledby="step-settings">
      <h2 id="step-settings">{t('optionsStep1')}</h2>
      {view.problem && managed.length > 0 ? (
        <p class="field-error" role="alert">
          {view.problem}
        </p>
      ) : null}
      <form onSubmit={save}>
        <fieldset disabled={managed.includes('cloud')} aria-describedby={describedBy('cloud')}>
          <legend>{t('optionsCloud')}</legend>
          {(['microsoft', 'sandbox'] as const).map((c) => (
            <label class="check" key={c}>
              <input type="radio" name="cloud" checked={settings.cloud === c} onChange={() => chooseCloud(c)} />
              {c === 'microsoft' ? t('optionsCloudMicrosoft') : t('optionsCloudSandbox')}
            </label>
          ))}
          <ManagedNote field="cloud" managed={managed} />
        </fieldset>
        {(['tenant', 'clientId'] as const).map((field) => (
          <div key={field}>
            <label for={field}>{field === 'tenant' ? t('optionsTenant') : t('optionsClientId')}</label>
            <input
              id={field}
              value={settings[field]}
              disabled={locked(field)}
              aria-describedby={describedBy(field)}
              onInput={(e) => update({ [field]: e.currentTarget.value })}
              placeholder={field === 'tenant' ? t('optionsTenantExample') : t('optionsClientIdExample')}
            />
            <ManagedNote field={field} managed={managed} />
          </div>
        ))}
        {problem && settings.cloud === 'microsoft' && (settings.tenant || settings.clientId) ? (
          <p class="field-error">{problem}</p>
        ) : null}
        <button type="submit" disabled={!!problem}>
          {t('optionsSave')}
        </button>
        <span role="status">{saved ? t('optionsSaved') : ''}</span>
        {error ? <ErrorNote error={error} /> : null}
      </form>
    </section>
  );
}
