import { t } from '../../common/i18n.ts';
import type { JobSummary } from '../../logic/bulk/job.ts';
import { formatDuration, formatNumber } from '../../logic/format.ts';

function statusWords(status: JobSummary['status']): string {
  switch (status) {
    case 'preview':
      return t('bulkStatusPreview');
    case 'running':
      return t('bulkStatusRunning');
    case 'paused':
      return t('bulkStatusPaused');
    case 'cancelled':
      return t('bulkStatusCancelled');
    case 'done':
      return t('bulkStatusDone');
  }
}

/** Where the job is: a bar over the rows to send, the counts, the pace and the time left at that pace. */
export function BulkProgress({ job }: { job: JobSummary }) {
  const { counts } = job;
  // Rows skipped were never to be sent: the bar is over the others, done when answered and given what they owe.
  const toSend = counts.toSend + counts.sent + counts.failed;
  const sent = counts.sent + counts.failed - counts.granting;
  const took = job.startedAt && job.finishedAt ? (job.finishedAt - job.startedAt) / 1000 : null;
  const rate = took ? counts.invited / took : job.rate;
  const pace =
    rate === null ? '' : ` · ${t('bulkPace', formatNumber(rate, { minimumFractionDigits: 1, maximumFractionDigits: 1 }))}`;
  const left = took
    ? ` · ${t('bulkTook', formatDuration(took))}`
    : job.secondsLeft === null
      ? ''
      : ` · ${t('bulkTimeLeft', formatDuration(job.secondsLeft))}`;
  return (
    <div class="bulk-progress">
      <p data-testid="bulk-status" role="status">
        <strong>{statusWords(job.status)}</strong>
        {counts.granting ? ` · ${t('bulkGranting', counts.granting)}` : ''}
      </p>
      <progress max={toSend || 1} value={sent} aria-label={t('bulkProgress')} />
      <p data-testid="bulk-progress">
        {t('bulkDone', sent, toSend)}
        {pace}
        {left}
      </p>
      <p data-testid="bulk-counts" class="muted">
        {t('bulkCounts', counts.sent, counts.skipped, counts.failed)}
      </p>
    </div>
  );
}
