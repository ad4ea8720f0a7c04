import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { GuestChangeRecord, PartnerGroupDraft } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { ConfirmChange } from './ConfirmChange.tsx';

type Preview = { draft: PartnerGroupDraft; admitted: { id: string; displayName: string; mail: string | null }[] };

/**
 * A dynamic security group for every guest of the partner's domain: the rule, who it admits today, and what it
 * takes (Entra ID P1; the audience is set in Power BI itself, which has no API for it).
 */
export function PartnerGroup({
  domain,
  guest,
  onStarted,
}: {
  domain: string;
  guest: GuestChangeRecord['guest'];
  onStarted: () => void;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!preview)
    return (
      <div>
        <button
          type="button"
          class="secondary"
          onClick={() => send('previewPartnerGroup', { domain }).then(setPreview, setError)}
        >
          {t('partnerPropose', domain)}
        </button>
        {error ? <ErrorNote error={error} /> : null}
      </div>
    );
  return (
    <div class="note" data-testid="partner-group">
      <p>
        <strong>{preview.draft.displayName}</strong>
        {t('partnerGroupRule')}
      </p>
      <code class="mono" data-testid="partner-rule">
        {preview.draft.membershipRule}
      </code>
      <p>{t('partnerAdmits', preview.admitted.length, domain)}</p>
      <ul data-testid="partner-admitted">
        {preview.admitted.map((u) => (
          <li key={u.id}>
            {u.displayName} <span class="muted">{u.mail}</span>
          </li>
        ))}
      </ul>
      <p class="muted">{t('partnerLicenseNote')}</p>
      <ConfirmChange
        label={t('partnerCreate')}
        confirmLabel={t('partnerConfirmCreate')}
        guest={guest}
        change={{ kind: 'createGroup', group: preview.draft }}
        onStarted={onStarted}
      />
    </div>
  );
}
