import { useState } from 'preact/hooks';
import { browser } from '../common/browser.ts';
import { t } from '../common/i18n.ts';
import { type ApiHost, type HostAccess, hostAccess, withheldOrigins } from '../logic/api-hosts.ts';

/** Whether the browser lets the extension reach each API, asked of this page's own `permissions`. */
export const readHostAccess = () => hostAccess((origins) => browser.permissions.contains({ origins }));

function apiWords(api: ApiHost): string {
  switch (api) {
    case 'graph':
      return t('apiGraph');
    case 'arm':
      return t('hostApiArm');
    case 'powerBi':
      return t('apiPowerBi');
    case 'environmentApi':
      return t('hostApiEnvironment');
    case 'dataverse':
      return t('hostApiDataverse');
  }
}

/** The hosts as a person reads them: `graph.microsoft.com`, or the first and last of Dataverse's regional domains. */
function hostsText(origins: string[]): string {
  const bare = origins.map((o) => o.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
  return bare.length > 1 ? `${bare[0]} … ${bare[bare.length - 1]}` : (bare[0] ?? '');
}

/**
 * Which APIs the browser lets the extension reach (Firefox lets a person withhold host permissions; Chromium's site
 * access can take them back), with a button that asks for the withheld ones again. `permissions.request` needs the
 * click's user gesture in an extension page: it is called at once in the handler, never from the background.
 */
export function HostAccessReport({ access, onChange }: { access: HostAccess[]; onChange(next: HostAccess[]): void }) {
  const [refused, setRefused] = useState(false);
  const withheld = withheldOrigins(access);
  const ask = () => {
    browser.permissions
      .request({ origins: withheld })
      .then(async (granted) => {
        setRefused(!granted);
        onChange(await readHostAccess());
      })
      .catch(() => setRefused(true));
  };
  return (
    <div data-testid="host-access">
      <p>
        <strong>{withheld.length === 0 ? t('optionsHostsAllGranted') : t('optionsHostsSomeWithheld')}</strong>
      </p>
      <ul class="findings">
        {access.map(({ api, origins, granted }) => (
          <li key={api} data-api={api} data-ok={granted ? 'yes' : 'no'}>
            <strong>{apiWords(api)}</strong> ({hostsText(origins)}):{' '}
            {granted ? t('optionsHostGranted') : t('optionsHostWithheld')}
          </li>
        ))}
      </ul>
      {withheld.length > 0 ? (
        <button type="button" onClick={ask}>
          {t('optionsHostsAsk')}
        </button>
      ) : null}
      {refused && withheld.length > 0 ? <p class="muted">{t('optionsHostsRefused')}</p> : null}
    </div>
  );
}
