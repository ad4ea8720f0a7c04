import type { JobSummary } from '../shared/bulk/job.ts';

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const STATUS_WORDS: Record<JobSummary['status'], string> = {
  preview: 'Not started',
  running: 'Sending',
  paused: 'Paused',
  cancelled: 'Cancelled',
  done: 'Done',
};

/** Where the job is: a bar over the rows to send, the counts, the pace and the time left at that pace. */
export function BulkProgress({ job }: { job: JobSummary }) {
  const { counts, verdicts } = job;
  const toSend = verdicts.invite + verdicts.reuse;
  const sent = toSend - counts.pending - counts.granting;
  const took = job.startedAt && job.finishedAt ? (job.finishedAt - job.startedAt) / 1000 : null;
  const rate = took ? counts.invited / took : job.rate;
  const pace = rate === null ? '' : ` · ${rate.toFixed(1)} invitations/s`;
  const left = took
    ? ` · took ${duration(Math.round(took))}`
    : job.secondsLeft === null
      ? ''
      : ` · about ${duration(job.secondsLeft)} left`;
  return (
    <div class="bulk-progress">
      <p data-testid="bulk-status">
        <strong>{STATUS_WORDS[job.status]}</strong>
        {counts.granting ? ` · adding ${counts.granting} to their group or role` : ''}
      </p>
      <progress max={toSend || 1} value={sent} aria-label="Bulk invitation progress" />
      <p data-testid="bulk-progress">
        {sent} of {toSend} done{pace}
        {left}
      </p>
      <p data-testid="bulk-counts" class="muted">
        {counts.invited} invited · {counts.reused} already guests · {counts.failed} failed
        {counts.skipped ? ` · ${counts.skipped} skipped` : ''}
      </p>
    </div>
  );
}
