import { useState } from 'preact/hooks';
import { ErrorNote } from '../common/ErrorNote.tsx';
import { t } from '../common/i18n.ts';
import { send } from '../common/send.ts';
import { featureFindings, permissionName, type SetupReport } from '../common/setup.ts';
import type { HostAccess } from '../logic/api-hosts.ts';
import { apiName, featureWords } from './feature-words.ts';
import { HostAccessReport, readHostAccess } from './HostAccessReport.tsx';

/** What the check found, feature by feature: works, or which permissions are missing and on which API. */
function Findings({ report }: { report: SetupReport }) {
  const findings = featureFindings(report);
  const missing = findings.filter((f) => f.missing.length > 0).length;
  return (
    <div data-testid="setup-report">
      <p>
        <strong>{missing === 0 ? t('optionsCheckAllGood', report.username) : t('optionsCheckSome', report.username)}</strong>
      </p>
      <ul class="findings">
        {findings.map(({ feature, missing, state }) => {
          const names = missing.map((s) => `${permissionName(s)} (${apiName(s.slice(0, s.lastIndexOf('/')))})`).join(', ');
          return (
            <li key={feature} data-feature={feature} data-ok={state === 'granted' ? 'yes' : 'no'} data-state={state}>
              <strong>{featureWords(feature).name}</strong>
              {': '}
              {state === 'granted'
                ? t('optionsCheckFeatureWorks')
                : state === 'adminConsent'
                  ? t('optionsCheckFeatureAdminConsent', names)
                  : t('optionsCheckFeatureYourConsent', names)}
            </li>
          );
        })}
      </ul>
      {report.resources
        .filter((r) => r.problem)
        .map((r) => (
          <p class="muted" key={r.resource}>
            {t('optionsCheckResourceProblem', apiName(r.resource), r.problem ?? '')}
          </p>
        ))}
      {missing > 0 ? <p>{t('optionsCheckFix')}</p> : null}
    </div>
  );
}

/**
 * Step 3: Check my setup. The background signs in when no one is, then asks each API what it granted this app
 * registration; the answer is kept until the page closes. Nothing here is lost when it fails: the button stays.
 * This page also reads which API hosts the browser lets the extension reach: that part needs no sign-in.
 */
export function CheckStep({ disabledReason }: { disabledReason: string | null }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<SetupReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [hosts, setHosts] = useState<HostAccess[] | null>(null);
  const check = () => {
    setBusy(true);
    setError(null);
    readHostAccess().then(setHosts, setError);
    send('checkSetup', {})
      .then(setReport, setError)
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="step-check" aria-busy={busy}>
      <h2 id="step-check">{t('optionsStep3')}</h2>
      <p>{t('optionsCheckIntro')}</p>
      <button type="button" onClick={check} disabled={busy || !!disabledReason} aria-busy={busy}>
        {busy ? t('optionsChecking') : t('optionsCheck')}
      </button>
      {disabledReason ? <p class="muted">{disabledReason}</p> : null}
      <div role="status" aria-live="polite">
        {report && !busy ? <Findings report={report} /> : null}
        {hosts ? <HostAccessReport access={hosts} onChange={setHosts} /> : null}
      </div>
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
