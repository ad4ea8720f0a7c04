import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { AzureSchedule } from '../../../logic/azure.ts';
import { parseBulkInviteCsv } from '../../../logic/bulk/csv.ts';
import {
  countOutcomes,
  countVerdicts,
  type JobRow,
  type JobSummary,
  type RowState,
  rowAsRead,
  rowState,
} from '../../../logic/bulk/job.ts';
import { currentAccount } from '../../core/auth.ts';
import { bulkFeatures, ensureConsent } from '../../core/consent.ts';
import { ownedBy } from '../../core/owner.ts';
import { usableSettings } from '../../core/settings.ts';
import { driveWork } from '../../engine/driver.ts';
import { owesWork, skipUnsent, stopOwedGrants } from './bulk-pool.ts';
import { summarizeGrants } from './grants.ts';
import { type JobPlace, planJob } from './plan.ts';
import { resultsCsv } from './results.ts';
import { discardJob, type LoadedJob, loadJob, saveJob } from './store.ts';

const PACE_WINDOW_MS = 15_000;

function summary(job: LoadedJob): JobSummary {
  const counts = countOutcomes(job.rows);
  // Pace over the last 15 s up to now: a long wait (Retry-After, a pause) shows as a falling pace, not a frozen one.
  const now = Date.now();
  const pace = job.meta.pace;
  const last = pace.at(-1);
  const first = pace.find(([t]) => t >= now - PACE_WINDOW_MS) ?? last;
  const seconds = first ? (now - first[0]) / 1000 : 0;
  const rate = last && first && seconds > 0 ? (last[1] - first[1]) / seconds : null;
  const toInvite = job.rows.filter((r) => r.outcome === 'pending' && r.verdict === 'invite').length;
  return {
    id: job.meta.id,
    fileName: job.meta.fileName,
    status: job.meta.status,
    sending: owesWork(job),
    ...(job.refused
      ? {
          pausedReason: t('bulkStoredInvalid', job.refused),
        }
      : job.meta.pausedReason
        ? { pausedReason: job.meta.pausedReason }
        : {}),
    counts,
    verdicts: countVerdicts(job.rows),
    rate,
    secondsLeft: rate && job.meta.status === 'running' ? Math.ceil(toInvite / rate) : null,
    defaultRedirectUrl: job.meta.defaultRedirectUrl,
    roleRows: job.rows.filter((r) => r.roleId).length,
    ...(job.meta.status === 'preview' ? { grants: summarizeGrants(job.rows, job.meta.defaultRedirectUrl) } : {}),
    ...(job.meta.roleScope ? { roleScope: job.meta.roleScope } : {}),
    ...(job.meta.roleSchedule ? { roleSchedule: job.meta.roleSchedule } : {}),
    ...(job.meta.startedAt ? { startedAt: job.meta.startedAt } : {}),
    ...(job.meta.finishedAt ? { finishedAt: job.meta.finishedAt } : {}),
  };
}

const baseName = (fileName: string) => fileName.replace(/\.csv$/i, '');
/** A retry's file name: the file's own, said once however often it is retried. */
const retryName = (fileName: string) => `${baseName(fileName).replace(/-retry$/, '')}-retry.csv`;

/** The account signed in; bulk work is prepared, shown and controlled by one account. */
async function signedIn() {
  const account = await currentAccount(await usableSettings());
  if (!account) throw new AppError(ErrorCodes.interactionRequired, t('signInFirst'));
  return account;
}

/**
 * The job as this account may see it: its own, or a stored job that failed its checks (nothing in it can be sent;
 * the popup names it so it can be cleared). Another account's job is that account's: listed as queued by it.
 */
const visibleTo = (account: SignedInAccount, job: LoadedJob | null) =>
  job && (job.refused || ownedBy(account, job.meta)) ? job : null;

async function current(): Promise<LoadedJob> {
  const job = visibleTo(await signedIn(), await loadJob());
  if (!job) throw new AppError(ErrorCodes.badMessage, t('bulkNoJob'));
  return job;
}

/** Reads the file, asks Graph who already exists and which groups it names, and keeps the plan for the preview. */
export async function prepareBulk(fileName: string, text: string, place: JobPlace): Promise<JobSummary> {
  const account = await signedIn();
  const existing = await loadJob();
  if (existing && (existing.meta.status === 'running' || existing.meta.status === 'paused' || owesWork(existing))) {
    throw new AppError(
      ErrorCodes.bulkJobBusy,
      ownedBy(account, existing.meta) ? existing.meta.fileName : t('queuedByOther', existing.meta.username),
    );
  }
  const parsed = parseBulkInviteCsv(text);
  if (parsed.tooManyRows) throw new AppError(ErrorCodes.bulkTooManyRows, parsed.errors[0]?.message);
  if (parsed.rows.length === 0) {
    throw new AppError(
      ErrorCodes.bulkFileEmpty,
      parsed.errors
        .map((e) => `Line ${e.line}: ${e.message}`)
        .slice(0, 3)
        .join(' '),
    );
  }
  const job = await planJob(account, fileName, parsed, place);
  return summary(job);
}

/** The account's own job (or a refused one), or null: another account's job is listed as queued by it. */
export async function bulkSummary(): Promise<JobSummary | null> {
  const job = visibleTo(await signedIn(), await loadJob());
  return job ? summary(job) : null;
}

/**
 * Start, pause, resume or cancel. Start only a job whose preview the person acknowledged (the popup's checkbox is not
 * trusted to hold the button back by itself). Cancelling leaves rows already sent as they are and skips the rest; it
 * stops the grants still owed to invited guests too when asked to.
 */
export async function controlBulk(
  action: 'start' | 'pause' | 'resume' | 'cancel',
  roleSchedule?: AzureSchedule,
  choices: { acknowledged?: string | undefined; stopOwedGrants?: boolean | undefined } = {},
): Promise<JobSummary> {
  const job = await current();
  if (job.refused && action !== 'cancel') throw new AppError(ErrorCodes.bulkJobInvalid, job.refused);
  const { status } = job.meta;
  const allowed = { start: ['preview'], pause: ['running'], resume: ['paused'], cancel: ['preview', 'running', 'paused'] };
  if (!allowed[action].includes(status)) throw new AppError(ErrorCodes.bulkJobState, `${action} while ${status}`);
  // Acknowledged for this job: a preview acknowledged in one popup does not start another file prepared since.
  if (action === 'start' && choices.acknowledged !== job.meta.id) {
    throw new AppError(ErrorCodes.bulkJobState, 'start without acknowledging what the file grants');
  }
  if (action === 'pause') job.meta.status = 'paused';
  // Consent first, while the person is here: the rows are sent later, from alarms.
  if (action === 'start') await ensureConsent(await usableSettings(), bulkFeatures(job));
  if (action === 'start') {
    job.meta.startedAt = Date.now();
    if (roleSchedule && job.meta.roleScope) job.meta.roleSchedule = roleSchedule;
  }
  if (action === 'start' || action === 'resume') {
    job.meta.status = 'running';
    delete job.meta.pausedReason;
  }
  if (action === 'cancel') {
    job.meta.status = 'cancelled';
    job.meta.finishedAt = Date.now();
    skipUnsent(job);
    if (choices.stopOwedGrants) stopOwedGrants(job);
  }
  await saveJob(job);
  // The driver runs the job, and also finishes what a paused or cancelled one still owes (rows in flight, grants).
  if (action !== 'pause' || owesWork(job)) void driveWork();
  return summary(job);
}

export type RowFilter = 'all' | 'problems' | 'custom' | RowState;

export async function bulkRows(show: RowFilter, offset: number, limit: number): Promise<{ rows: JobRow[]; total: number }> {
  const job = await current();
  const keep = (r: JobRow) =>
    show === 'all' ||
    rowState(r) === show ||
    // Problems: what failed, and what was skipped for a reason other than "already a guest, nothing to give".
    (show === 'problems' &&
      (rowState(r) === 'failed' ||
        (rowState(r) === 'skipped' && r.verdict !== 'reuse') ||
        r.steps.some((s) => s.state === 'failed'))) ||
    (show === 'custom' && !!(r.message || r.displayName));
  const rows = job.rows.filter(keep);
  return { rows: rows.slice(offset, offset + limit), total: rows.length };
}

/**
 * "Retry the failed rows" (issue 25): a new job of the ended job's failed rows only, not the skipped ones nor the
 * sent ones, each as the file gave it and at its own line, planned again (a guest a failed row created is found) and
 * previewed, to be confirmed like any file. It takes the old job's place, as one job is kept at a time.
 */
export async function retryFailedBulk(): Promise<JobSummary> {
  const account = await signedIn();
  const job = await current();
  const ended = job.meta.status === 'done' || job.meta.status === 'cancelled';
  if (job.refused || !ended || owesWork(job)) throw new AppError(ErrorCodes.bulkJobState, `retry while ${job.meta.status}`);
  const rows = job.rows.filter((r) => rowState(r) === 'failed').map(rowAsRead);
  if (rows.length === 0) throw new AppError(ErrorCodes.bulkJobState, 'retry with no failed rows');
  const { defaultRedirectUrl, roleScope, environment, audienceGroupId } = job.meta;
  const retry = await planJob(
    account,
    retryName(job.meta.fileName),
    { rows, errors: [] },
    {
      defaultRedirectUrl,
      scope: roleScope,
      environmentId: environment?.environmentId,
      audienceGroupId,
    },
  );
  return summary(retry);
}

export async function bulkResults(): Promise<{ fileName: string; csv: string }> {
  const job = await current();
  return { fileName: `${baseName(job.meta.fileName)}-results.csv`, csv: resultsCsv(job.rows) };
}

export async function clearBulk(): Promise<Record<string, never>> {
  const job = await current().catch(() => null);
  if (!job) return {};
  if (job.meta.status === 'running' || owesWork(job)) {
    throw new AppError(ErrorCodes.bulkJobState, 'clear while running');
  }
  await discardJob();
  return {};
}
