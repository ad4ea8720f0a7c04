import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { ExternalSettings } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { SETTINGS_PAGES } from '../../logic/tenant-settings.ts';
import { ConsentLine, useConsent } from '../parts/ConsentLine.tsx';
import { ScopeId } from '../parts/ScopeId.tsx';

/** Who may invite, what guests may see, and the cross-tenant access settings, in plain words with where to change them. */
export function TenantSettings() {
  const [settings, setSettings] = useState<ExternalSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const read = () => send('getExternalSettings', {}).then(setSettings, setError);
  useEffect(() => {
    read();
  }, []);
  // Partner names need a scope of their own (issue 25): asked for here, where they are shown, and read again once given.
  const consent = useConsent(['partnerNames'], { active: !!settings?.partners.length, onGranted: read });
  if (error) return <ErrorNote error={error} />;
  if (!settings) return <p class="muted">{t('settingsReading')}</p>;
  const link = (href: string, text: string) => (
    <a href={href} target="_blank" rel="noreferrer">
      {text}
    </a>
  );
  return (
    <section aria-label={t('settingsExternal')} data-testid="tenant-settings">
      <h3>{t('settingsWhoMayInvite')}</h3>
      <dl>
        <dt>{t('settingsGuestInvitations')}</dt>
        <dd>{settings.allowInvitesFrom?.words ?? t('settingsNotReadable')}</dd>
        <dt>{t('settingsGuestAccess')}</dt>
        <dd>{settings.guestAccess?.words ?? t('settingsNotReadable')}</dd>
      </dl>
      <p class="muted">
        {t('settingsChangedIn')} {link(SETTINGS_PAGES.external, t('settingsExternal'))} {t('settingsInAdminCenter')}
      </p>
      <dl>
        <dt>{t('settingsDefaultInbound')}</dt>
        <dd>{settings.crossTenantDefault?.inbound ?? t('settingsNotReadable')}</dd>
        <dt>{t('settingsDefaultOutbound')}</dt>
        <dd>{settings.crossTenantDefault?.outbound ?? t('settingsNotReadable')}</dd>
        {settings.partners.map((p) => (
          <div key={p.tenantId} data-testid="partner">
            <dt>{p.name ? (p.domain ? t('settingsPartnerNamed', p.name, p.domain) : p.name) : t('settingsPartnerUnnamed')}</dt>
            <dd>
              {t('settingsPartnerDirections', p.inbound, p.outbound)}
              {p.unread ? <span class="muted"> {p.unread}</span> : null}
              <ScopeId scope={p.tenantId} label={t('settingsTenantId')} />
            </dd>
          </div>
        ))}
      </dl>
      <ConsentLine consent={consent} words={t('consentPartnerNames')} />
      <p class="muted">
        {t('settingsChangedIn')} {link(SETTINGS_PAGES.crossTenant, t('settingsCrossTenant'))} {t('settingsDefaultOrOwn')}
      </p>
      {settings.problems.map((p) => (
        <p class="warning" key={p}>
          {p}
        </p>
      ))}
    </section>
  );
}
