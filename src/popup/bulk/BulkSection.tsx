import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import { t } from '../../common/i18n.ts';
import type { PageInfo } from '../../common/model.ts';
import { describeScope } from '../../common/page-context.ts';
import type { PageData } from '../../common/page-data.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { scheduleProblem } from '../../logic/azure.ts';
import type { JobSummary } from '../../logic/bulk/job.ts';
import { formatNumber } from '../../logic/format.ts';
import { guestRedirect } from '../../logic/redirect.ts';
import { type AzureChoice, DEFAULT_AZURE_CHOICE, toSchedule } from '../parts/azure-choice.ts';
import { download } from '../parts/download.ts';
import { ScheduleFields } from '../parts/ScheduleFields.tsx';
import { BulkCancel } from './BulkCancel.tsx';
import { BulkGrants } from './BulkGrants.tsx';
import { BulkProgress } from './BulkProgress.tsx';
import { BulkRows, type Show } from './BulkRows.tsx';
import { BulkStart } from './BulkStart.tsx';

/**
 * How long a running job may stay unchanged in storage before the popup asks after it anyway: asking wakes the
 * worker if Chrome stopped it (nothing else would before its alarm), and lets the pace fall during a long wait.
 */
const QUIET_MS = 2000;
/** A file larger than this is not a bulk-invite list; refuse it before reading it into memory. */
const MAX_FILE_BYTES = 20_000_000;

function PreviewCounts({ job }: { job: JobSummary }) {
  const { verdicts: v, counts } = job;
  // Skipped rows by why: guests with nothing to give are the rows skipped for no reason of the file's.
  const guests = counts.skipped - v.duplicate - v.member - v.invalid;
  const why = [
    guests ? t('bulkPreviewAlreadyGuests', guests) : '',
    v.duplicate ? t('bulkPreviewDuplicates', v.duplicate) : '',
    v.member ? t('bulkPreviewMembers', v.member) : '',
    v.invalid ? t('bulkPreviewInvalid', v.invalid) : '',
  ].filter(Boolean);
  return (
    <p data-testid="bulk-preview">
      {t('bulkPreviewCounts', counts.total, counts.toSend, counts.skipped)}
      {why.length ? `: ${why.join(', ')}` : ''}.
    </p>
  );
}

/** Bulk invitations from Entra's CSV template: pick a file, preview, run in the background, read the results. */
export function BulkSection({ page, data }: { page: PageInfo; data: PageData | null }) {
  const [job, setJob] = useState<JobSummary | null | undefined>(undefined);
  const [roleChoice, setRoleChoice] = useState<AzureChoice>(DEFAULT_AZURE_CHOICE);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The job whose preview the person said they read: a new file needs its own acknowledgement. */
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const [show, setShow] = useState<Show>('all');

  useEffect(() => {
    send('getBulkJob', {}).then(setJob, setError);
  }, []);

  // While the job runs, follow what the background writes to it as its rows progress.
  const moving = job?.status === 'running' || !!job?.sending;
  useEffect(() => {
    if (!moving) return;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      clearTimeout(quiet);
      quiet = setTimeout(ask, QUIET_MS);
      send('getBulkJob', {}).then(setJob, () => undefined);
    };
    quiet = setTimeout(ask, QUIET_MS);
    const stop = new AbortController();
    local.bulkJob.watch(ask, stop.signal);
    return () => {
      stop.abort();
      clearTimeout(quiet);
    };
  }, [moving]);

  const act = async (run: () => Promise<JobSummary | null>) => {
    setBusy(true);
    setError(null);
    try {
      setJob(await run());
    } catch (e) {
      setError(e);
      setJob(await send('getBulkJob', {}).catch(() => job ?? null));
    } finally {
      setBusy(false);
    }
  };

  const pick = (file: File, audienceGroupId: string | undefined) => {
    if (file.size > MAX_FILE_BYTES) {
      setError(
        new AppError(
          ErrorCodes.bulkFileTooLarge,
          `${file.name}: ${formatNumber(Math.round(file.size / 1e6), { style: 'unit', unit: 'megabyte' })}`,
        ),
      );
      return;
    }
    const scope = page.context?.kind === 'azure-resource' ? page.context.scope : undefined;
    void act(async () =>
      send('prepareBulk', {
        fileName: file.name,
        text: await file.text(),
        defaultRedirectUrl: guestRedirect(page, null),
        ...(scope ? { scope } : {}),
        ...(page.context?.kind === 'power-platform-environment' ? { environmentId: page.context.environmentId } : {}),
        ...(audienceGroupId ? { audienceGroupId } : {}),
      }),
    );
  };

  if (job === undefined) return <p class="muted">{t('bulkLoading')}</p>;
  const scheduleReady = !job?.roleRows || scheduleProblem(toSchedule(roleChoice), Date.now()) === null;
  const c = job?.counts;
  const version = job && c ? `${job.status}:${c.toSend}:${c.sent}:${c.skipped}:${c.failed}:${c.granting}` : '';
  return (
    <section class="bulk" aria-label={t('bulkInvitations')}>
      {!job ? (
        <BulkStart data={data} busy={busy} onPick={pick} />
      ) : (
        <>
          <h2>{job.fileName}</h2>
          {job.status === 'preview' ? (
            <>
              <PreviewCounts job={job} />
              <p class="muted">{t('bulkDefaultRedirect', job.defaultRedirectUrl)}</p>
              {job.roleRows > 0 ? (
                <div class="pbi" data-testid="bulk-roles">
                  <div>
                    {/* The job's own scope, which is where its roles go: not whatever page the popup is on now. */}
                    {t('bulkRoleRows', job.roleRows)}{' '}
                    <span data-testid="bulk-role-scope" title={job.roleScope}>
                      {job.roleScope ? describeScope(job.roleScope) : t('bulkNoAzureResource')}
                    </span>
                    {t('bulkOnSchedule')}
                  </div>
                  <ScheduleFields choice={roleChoice} onChoice={setRoleChoice} />
                </div>
              ) : null}
              {job.grants ? (
                <BulkGrants
                  grants={job.grants}
                  acknowledged={acknowledged === job.id}
                  onAcknowledge={(yes) => setAcknowledged(yes ? job.id : null)}
                  onShowCustom={() => setShow('custom')}
                />
              ) : null}
            </>
          ) : (
            <BulkProgress job={job} />
          )}
          {job.pausedReason ? <div class="warning">{job.pausedReason}</div> : null}
          <div class="row">
            {job.status === 'preview' ? (
              <button
                type="button"
                disabled={busy || job.verdicts.invite + job.verdicts.reuse === 0 || !scheduleReady || acknowledged !== job.id}
                onClick={() =>
                  act(() =>
                    send('controlBulk', {
                      action: 'start',
                      acknowledged: job.id,
                      ...(job.roleRows > 0 ? { roleSchedule: toSchedule(roleChoice) } : {}),
                    }),
                  )
                }
              >
                {job.verdicts.invite > 0
                  ? t('bulkSendInvitations', job.verdicts.invite)
                  : t('bulkGrantExisting', job.verdicts.reuse)}
              </button>
            ) : null}
            {job.status === 'running' ? (
              <button type="button" disabled={busy} onClick={() => act(() => send('controlBulk', { action: 'pause' }))}>
                {t('bulkPause')}
              </button>
            ) : null}
            {job.status === 'paused' ? (
              <button type="button" disabled={busy} onClick={() => act(() => send('controlBulk', { action: 'resume' }))}>
                {t('bulkResume')}
              </button>
            ) : null}
            {['preview', 'running', 'paused'].includes(job.status) ? (
              <BulkCancel
                job={job}
                busy={busy}
                onCancel={(stopOwedGrants) =>
                  act(() => send('controlBulk', { action: 'cancel', ...(stopOwedGrants ? { stopOwedGrants } : {}) }))
                }
              />
            ) : (
              <>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => send('getBulkResults', {}).then((r) => download(r.fileName, r.csv), setError)}
                >
                  {t('bulkDownloadResults')}
                </button>
                {job.counts.failed > 0 ? (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      setShow('all');
                      void act(() => send('retryFailedBulk', {}));
                    }}
                  >
                    {t('bulkRetryFailed', job.counts.failed)}
                  </button>
                ) : null}
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={() => act(() => send('clearBulk', {}).then(() => null))}
                >
                  {t('bulkNew')}
                </button>
              </>
            )}
          </div>
          <BulkRows version={version} show={show} onShow={setShow} />
        </>
      )}
      {error ? <ErrorNote error={error} /> : null}
    </section>
  );
}
