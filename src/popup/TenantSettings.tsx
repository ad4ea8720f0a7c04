import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import type { ExternalSettings } from '../shared/guest-card.ts';
import { send } from '../shared/send.ts';
import { SETTINGS_PAGES } from '../shared/tenant-settings.ts';

/** Who may invite, what guests may see, and the cross-tenant access settings, in plain words with where to change them. */
export function TenantSettings() {
  const [settings, setSettings] = useState<ExternalSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    send('getExternalSettings', {}).then(setSettings, setError);
  }, []);
  if (error) return <ErrorNote error={error} />;
  if (!settings) return <p class="muted">Reading the tenant's settings…</p>;
  const link = (href: string, text: string) => (
    <a href={href} target="_blank" rel="noreferrer">
      {text}
    </a>
  );
  return (
    <section aria-label="External collaboration settings" data-testid="tenant-settings">
      <h3>Who may invite, and whom</h3>
      <dl>
        <dt>Guest invitations</dt>
        <dd>{settings.allowInvitesFrom?.words ?? 'Not readable with this sign-in.'}</dd>
        <dt>Guest access</dt>
        <dd>{settings.guestAccess?.words ?? 'Not readable with this sign-in.'}</dd>
      </dl>
      <p class="muted">Changed in {link(SETTINGS_PAGES.external, 'External collaboration settings')} (Entra admin center).</p>
      <dl>
        <dt>Cross-tenant default, inbound</dt>
        <dd>{settings.crossTenantDefault?.inbound ?? 'Not readable with this sign-in.'}</dd>
        <dt>Cross-tenant default, outbound</dt>
        <dd>{settings.crossTenantDefault?.outbound ?? 'Not readable with this sign-in.'}</dd>
        {settings.partners.map((p) => (
          <div key={p.tenantId}>
            <dt>Organization {p.tenantId}</dt>
            <dd>
              Inbound: {p.inbound} Outbound: {p.outbound}
            </dd>
          </div>
        ))}
      </dl>
      <p class="muted">
        Changed in {link(SETTINGS_PAGES.crossTenant, 'Cross-tenant access settings')} (the default, or the organization's own
        entry).
      </p>
      {settings.problems.map((p) => (
        <p class="warning" key={p}>
          {p}
        </p>
      ))}
    </section>
  );
}
