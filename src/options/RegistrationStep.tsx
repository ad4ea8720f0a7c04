import { browser } from '../common/browser.ts';
import { FEATURE_SCOPES, resourceOfScope } from '../common/config.ts';
import { t } from '../common/i18n.ts';
import { permissionName } from '../common/setup.ts';
import { CopyButton } from './CopyButton.tsx';
import { apiName, featureWords } from './feature-words.ts';

/**
 * Step 2: the app registration. The redirect URI is this browser's own (`identity.getRedirectURL()`: Chromium's
 * `https://<id>.chromiumapp.org/`, Firefox's `https://<sha1 of the add-on id>.extensions.allizom.org/`), and the
 * scopes come from the one table in config.ts, per feature. Each browser, and each store's copy, has its own id and
 * so its own URI: the guide says so, and docs/deploying.md lists the ones an organization registers.
 */
export function RegistrationStep() {
  const redirectUri = browser.identity.getRedirectURL();
  return (
    <section aria-labelledby="step-registration">
      <h2 id="step-registration">{t('optionsStep2')}</h2>
      <p>{t('optionsRedirectIntro')}</p>
      <p>
        <code data-testid="redirect-uri">{redirectUri}</code> <CopyButton text={redirectUri} label={t('optionsCopyRedirect')} />
      </p>
      <p>{t('optionsRedirectPerBrowser')}</p>
      <p>{t('optionsScopesIntro')}</p>
      {FEATURE_SCOPES.map(({ feature, scopes }) => {
        const words = featureWords(feature);
        return (
          <section key={feature} aria-label={words.name}>
            <h3>{words.name}</h3>
            <p>{words.does}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('optionsApi')}</th>
                  <th scope="col">{t('optionsPermission')}</th>
                </tr>
              </thead>
              <tbody>
                {scopes.map((s) => (
                  <tr key={s}>
                    <td>{apiName(resourceOfScope(s))}</td>
                    <td>
                      <code>{permissionName(s)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {feature === 'powerPlatform' ? <p>{t('optionsDataverseNote')}</p> : null}
            <CopyButton text={scopes.join('\n')} label={t('optionsCopyScopes', words.name)} />
          </section>
        );
      })}
    </section>
  );
}
