import { type AudienceRead, adminReadsSpentWords, audiencesAgeWords, mayReadAudiencesAgain } from '../../common/guest-card.ts';
import { t } from '../../common/i18n.ts';

/**
 * How old the groups' app audiences are (Power BI's admin view, read at most once an hour), with a way to read them
 * again once they are a few minutes old; while the tenant's admin reads are spent, when they come back.
 */
export function AudiencesRead({ read, onReadAgain }: { read: AudienceRead; onReadAgain: () => void }) {
  const now = Date.now();
  const spent = adminReadsSpentWords(read, now);
  const age = audiencesAgeWords(read, now);
  return (
    <>
      {spent ? (
        <p class="warning" data-testid="card-admin-reads-spent">
          {spent}
        </p>
      ) : null}
      {age ? (
        <p class="muted" data-testid="card-audiences-read">
          {age}{' '}
          {mayReadAudiencesAgain(read, now) ? (
            <button type="button" class="link" onClick={onReadAgain}>
              {t('cardAudiencesReadAgain')}
            </button>
          ) : null}
        </p>
      ) : null}
    </>
  );
}
