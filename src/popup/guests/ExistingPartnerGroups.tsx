import type { PartnerGroupPreview } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';
import { formatDateTime } from '../../logic/format.ts';

/**
 * The partner's group that exists already, in place of a proposal: by the same rule in the directory (made from any
 * card, or in the admin center), or being made from this browser. Nothing to press: a second group would only
 * duplicate it.
 */
export function ExistingPartnerGroups({ preview }: { preview: PartnerGroupPreview }) {
  return (
    <div class="note" data-testid="partner-existing">
      <p>{t('partnerExists', preview.draft.domain)}</p>
      <ul>
        {preview.existing.map((g) => (
          <li key={g.id || g.displayName}>
            <strong>{g.displayName}</strong>{' '}
            {g.underWay
              ? t('partnerBeingCreated')
              : g.createdDateTime
                ? t('partnerCreatedOn', formatDateTime(g.createdDateTime))
                : null}
            {g.paused ? <div class="muted">{t('partnerPaused')}</div> : null}
            {g.description ? <div class="muted">{g.description}</div> : null}
            {g.id ? (
              <details>
                <summary>{t('partnerGroupId')}</summary>
                <code class="mono">{g.id}</code>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      <code class="mono" data-testid="partner-rule">
        {preview.draft.membershipRule}
      </code>
      <p class="muted">{t('partnerProcessingDelay')}</p>
    </div>
  );
}
