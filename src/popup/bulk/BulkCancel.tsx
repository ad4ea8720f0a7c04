import { useState } from 'preact/hooks';
import { t } from '../../common/i18n.ts';
import type { JobSummary } from '../../logic/bulk/job.ts';

/**
 * Cancel. Guests already invited may still be owed their group or role; cancelling alone lets those finish, so when
 * there are any the person chooses: stop them too, or let them finish.
 */
export function BulkCancel({
  job,
  busy,
  onCancel,
}: {
  job: JobSummary;
  busy: boolean;
  onCancel: (stopOwedGrants: boolean) => void;
}) {
  // How many were owed when Cancel was pressed: the question stays as asked while the job moves on.
  const [asking, setAsking] = useState<number | null>(null);
  const owed = job.counts.granting;
  if (asking === null)
    return (
      <button type="button" class="secondary" disabled={busy} onClick={() => (owed > 0 ? setAsking(owed) : onCancel(false))}>
        {t('bulkCancel')}
      </button>
    );
  const choose = (stop: boolean) => {
    setAsking(null);
    onCancel(stop);
  };
  return (
    <fieldset class="confirm" aria-label={t('bulkCancel')}>
      <p>{t('bulkCancelOwed', asking)}</p>
      <div class="row">
        <button type="button" disabled={busy} onClick={() => choose(true)}>
          {t('bulkCancelStopOwed')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => choose(false)}>
          {t('bulkCancelKeepOwed')}
        </button>
      </div>
    </fieldset>
  );
}
