import { useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import type { GuestChangeRecord, PartnerGroupPreview } from '../../common/guest-card.ts';
import { GROUP_DESCRIPTION_MAX } from '../../common/guest-change-schema.ts';
import { t } from '../../common/i18n.ts';
import { send } from '../../common/send.ts';
import { ConfirmChange } from './ConfirmChange.tsx';
import { ExistingPartnerGroups } from './ExistingPartnerGroups.tsx';

/**
 * A dynamic security group for every guest of the partner's domain: the group that already has the rule when there
 * is one (issue 25: never a second), else the rule, who it admits today, a name and description the admin may change,
 * and what it takes (Entra ID P1; the audience is set in Power BI itself, which has no API for it).
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
  const [preview, setPreview] = useState<PartnerGroupPreview | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const read = () =>
    send('previewPartnerGroup', { domain }).then((p) => {
      setPreview(p);
      setName(p.draft.displayName);
      setDescription(t('partnerDescriptionDefault', p.draft.domain));
    }, setError);
  if (!preview)
    return (
      <div>
        <button type="button" class="secondary" onClick={read}>
          {t('partnerPropose', domain)}
        </button>
        {error ? <ErrorNote error={error} /> : null}
      </div>
    );
  if (preview.existing.length) return <ExistingPartnerGroups preview={preview} />;
  const group = { ...preview.draft, displayName: name.trim(), description: description.trim() };
  return (
    <div class="note" data-testid="partner-group">
      <label for="partnerName">{t('partnerName')}</label>
      <input id="partnerName" value={name} maxLength={256} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="partnerDescription">{t('partnerDescription')}</label>
      <textarea
        id="partnerDescription"
        rows={2}
        maxLength={GROUP_DESCRIPTION_MAX}
        value={description}
        onInput={(e) => setDescription(e.currentTarget.value)}
      />
      <p>{t('partnerRuleIntro')}</p>
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
      <p class="muted">{t('partnerProcessingDelay')}</p>
      <p class="muted">{t('partnerLicenseNote')}</p>
      {group.displayName ? (
        <ConfirmChange
          label={t('partnerCreate')}
          confirmLabel={t('partnerConfirmCreate')}
          guest={guest}
          change={{ kind: 'createGroup', group }}
          onStarted={() => {
            // Read again: the group being made is now the partner's, shown instead of a second proposal.
            void read();
            onStarted();
          }}
        />
      ) : (
        <p class="field-error">{t('partnerNameMissing')}</p>
      )}
    </div>
  );
}
