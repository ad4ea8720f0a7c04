import { browser } from '../../shared/browser.ts';
import { countOutcomes, type JobRow } from '../../shared/bulk/job.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { MAX_BULK_ROWS } from '../../shared/inputs.ts';
import { recordBulkJob } from '../activity.ts';
import { currentAccount } from '../auth.ts';
import { BATCH_LIMIT } from '../graph/batch.ts';
import { type GraphSession, graphSession } from '../graph/client.ts';
import { wait } from '../rest.ts';
import { usableSettings } from '../settings.ts';
import { jobProblem, rowProblem } from './checks.ts';
import { type Grantor, grant, guestNeedsGrant, sentNeedsGrant } from './grants.ts';
import { recentSends, waitForSlots } from './limiter.ts';
import { usersByEmail } from './lookup.ts';
import { sendInvitations } from './send.ts';
import { changeRow, type LoadedJob, loadJob, saveJob } from './store.ts';

/** Wakes the worker while a job runs, in case Chrome stopped it between steps. */
export const ALARM = 'bulk-invitations';
/**
 * A batch cut off (worker stopped, connection lost) may still be running at Graph. Wait this long after sending it
 * before asking whether its users exist, so the answer is final and no row is sent twice.
 */
export const SETTLE_MS = 10_000;
const MAX_ATTEMPTS = 6;
const PACE_SAMPLES = 40;

/**
 * A row that could not be sent this time: later, unless it has had its tries. Throttling is Graph pacing the
 * tenant, not the row failing, so it does not count as a try.
 */
function sendLater(job: LoadedJob, index: number, afterMs: number, why: string, counts = true): void {
  const attempts = (job.rows[index]?.attempts ?? 0) + (counts ? 1 : 0);
  if (attempts >= MAX_ATTEMPTS) changeRow(job, index, { attempts, outcome: 'failed', error: `${why} (after ${attempts} tries)` });
  else changeRow(job, index, { attempts, notBefore: Date.now() + afterMs });
}

/**
 * Rows of a batch that was sent but not answered: those whose user exists now were invited. The rest are asked
 * about once more, a while later (a new user can take a moment to show in Graph's look-ups), then sent again.
 */
async function settle(job: LoadedJob, session: GraphSession): Promise<void> {
  const since = Date.now() - (job.meta.inFlightAt ?? 0);
  if (since < SETTLE_MS) await wait(SETTLE_MS - since);
  const rows = job.meta.inFlight;
  const found = await usersByEmail(
    session,
    rows.map((i) => job.rows[i]?.email ?? ''),
  );
  const unseen: number[] = [];
  for (const i of rows) {
    const user = found.get((job.rows[i]?.email ?? '').toLowerCase());
    if (user) changeRow(job, i, { outcome: 'invited', userId: user.id });
    else unseen.push(i);
  }
  const firstLook = !job.meta.inFlightLooked;
  if (firstLook && unseen.length) {
    job.meta.inFlight = unseen;
    job.meta.inFlightAt = Date.now();
    job.meta.inFlightLooked = true;
  } else {
    for (const i of unseen) sendLater(job, i, 0, 'Graph did not take this invitation');
    job.meta.inFlight = [];
    job.meta.inFlightLooked = false;
  }
  await saveJob(job);
}

/** Rows about to be sent are checked once more; one that fails is not sent, and says why. */
export function refuseUnfit(job: LoadedJob, indexes: number[]): void {
  for (const i of indexes) {
    const problem = rowProblem(job.rows[i] as JobRow);
    if (problem) changeRow(job, i, { outcome: 'failed', error: `Not sent: ${problem}.` });
  }
}

function recordPace(job: LoadedJob): void {
  const invited = job.rows.reduce((n, r) => n + (r.outcome === 'invited' ? 1 : 0), 0);
  job.meta.pace = [...job.meta.pace, [Date.now(), invited] as [number, number]].slice(-PACE_SAMPLES);
}

/** One step of the job: grants to guests who existed already, a batch of invitations, or a wait for throttled rows. */
async function step(job: LoadedJob, grantor: Grantor): Promise<void> {
  const now = Date.now();
  const grants: number[] = [];
  const due: number[] = [];
  let soonest = Number.POSITIVE_INFINITY;
  for (const [i, r] of job.rows.entries()) {
    if (guestNeedsGrant(r)) {
      if (grants.length < BATCH_LIMIT) grants.push(i);
    } else if (r.outcome === 'pending' && r.verdict === 'reuse') {
      changeRow(job, i, { outcome: 'reused' });
    } else if (r.outcome === 'pending' && r.verdict === 'invite') {
      if ((r.notBefore ?? 0) > now) soonest = Math.min(soonest, r.notBefore ?? 0);
      else if (due.length < BATCH_LIMIT) due.push(i);
    }
  }
  if (grants.length) return grant(job, grantor, grants);
  refuseUnfit(job, due);
  if (due.some((i) => job.rows[i]?.outcome !== 'pending')) return saveJob(job);
  if (!due.length) {
    if (soonest === Number.POSITIVE_INFINITY) {
      job.meta.status = 'done';
      job.meta.finishedAt = Date.now();
      recordPace(job);
      return saveJob(job);
    }
    return void (await wait(soonest - now));
  }
  // Graph's Retry-After holds for the tenant, not only for the rows it was given to.
  const slots = Math.max(waitForSlots(job.meta.sentAt, due.length, now), (job.meta.holdUntil ?? 0) - now);
  if (slots > 0) return void (await wait(slots));

  job.meta.sentAt = [...recentSends(job.meta.sentAt, now), ...due.map(() => now)];
  job.meta.inFlight = due;
  job.meta.inFlightAt = now;
  job.meta.inFlightLooked = false;
  await saveJob(job);
  const answers = await sendInvitations(
    grantor.session,
    due.map((i) => job.rows[i] as JobRow),
  );
  const uncertain: number[] = [];
  for (const [n, i] of due.entries()) {
    const a = answers[n];
    if (a?.kind === 'invited') changeRow(job, i, { outcome: 'invited', userId: a.userId, redeemUrl: a.redeemUrl });
    else if (a?.kind === 'failed') changeRow(job, i, { outcome: 'failed', error: a.error });
    else if (a?.kind === 'again') {
      sendLater(job, i, a.afterMs, a.why, !a.throttled);
      job.meta.holdUntil = Math.max(job.meta.holdUntil ?? 0, Date.now() + a.afterMs);
    } else uncertain.push(i);
  }
  // Rows without a clear answer stay in flight, to be checked before anything is sent again.
  job.meta.inFlight = uncertain;
  recordPace(job);
  await saveJob(job);
}

/** Grants owed to rows already invited; false when there are none. */
async function grantSent(job: LoadedJob, grantor: Grantor): Promise<boolean> {
  const owed = job.rows.flatMap((r, i) => (sentNeedsGrant(r) ? [i] : [])).slice(0, BATCH_LIMIT);
  if (owed.length) await grant(job, grantor, owed);
  return owed.length > 0;
}

function pauseWith(job: LoadedJob, reason: string): void {
  if (job.meta.status === 'running') job.meta.status = 'paused';
  job.meta.pausedReason = reason;
}

/** A paused or cancelled job may still owe the end of a batch (a stopped worker's, or grants): finish that. */
export const owesWork = (job: LoadedJob) => job.meta.inFlight.length > 0 || job.rows.some(sentNeedsGrant);

/** Rows of a cancelled job not sent (or come back to be sent again) are skipped; rows in flight wait their answer. */
export function skipUnsent(job: LoadedJob): void {
  if (job.meta.status !== 'cancelled') return;
  for (const [i, r] of job.rows.entries()) {
    if (r.outcome === 'pending' && !job.meta.inFlight.includes(i)) {
      changeRow(job, i, { outcome: 'skipped', reason: 'Cancelled before it was sent.' });
    }
  }
}

/** A job that has ended (done, or cancelled with nothing owed) goes into the activity list, once. */
async function recordEnd(job: LoadedJob): Promise<void> {
  const ended = job.meta.status === 'done' || job.meta.status === 'cancelled';
  if (!ended || owesWork(job) || job.meta.recorded) return;
  job.meta.recorded = true;
  const account = await currentAccount(await usableSettings()).catch(() => null);
  await recordBulkJob(job.meta, account?.username ?? '', countOutcomes(job.rows));
  await saveJob(job);
}

async function drive(): Promise<void> {
  const job = await loadJob();
  if (!job || job.refused) return;
  if (job.meta.status !== 'running' && !owesWork(job)) return recordEnd(job);
  await browser.alarms.create(ALARM, { periodInMinutes: 0.5 });
  try {
    const settings = await usableSettings();
    const account = await currentAccount(settings);
    if (account?.tenantId !== job.meta.tenantId) {
      return pauseWith(job, 'Sign in to the tenant this job invites into, then resume.');
    }
    const grantor = { session: graphSession(settings), settings };
    let failures = 0;
    while (job.meta.status === 'running' || owesWork(job)) {
      // Checked before every step, not only when loaded: a step acts on the scope, schedule and redirect it reads here.
      const problem = jobProblem(job.meta, MAX_BULK_ROWS);
      if (problem) return pauseWith(job, `Stopped: the job did not pass its checks (${problem}).`);
      try {
        if (job.meta.inFlight.length) await settle(job, grantor.session);
        else if (!(await grantSent(job, grantor)) && job.meta.status === 'running') await step(job, grantor);
        failures = 0;
      } catch (e) {
        const stop = e instanceof AppError && (e.code === ErrorCodes.interactionRequired || e.code === ErrorCodes.notConfigured);
        if (stop || ++failures >= MAX_ATTEMPTS) throw e;
        // Connection lost, Graph unavailable after its retries: in-flight rows are settled, not resent.
        await wait(2000 * failures);
      }
    }
  } catch (e) {
    pauseWith(
      job,
      e instanceof AppError && e.code === ErrorCodes.interactionRequired
        ? 'Your sign-in needs renewing: sign in again, then resume.'
        : `Stopped: ${e instanceof Error ? e.message : String(e)}. Resume to carry on.`,
    );
  } finally {
    skipUnsent(job);
    // Kept while work is owed, so a stopped worker comes back to it.
    if (job.meta.status !== 'running' && !owesWork(job)) await browser.alarms.clear(ALARM);
    await saveJob(job);
    await recordEnd(job);
  }
}

let driving: Promise<void> | null = null;

/** Runs the job until it is done, paused or cancelled; one driver per worker, however often it is woken. */
export function driveBulkJob(): Promise<void> {
  driving ??= drive().finally(async () => {
    driving = null;
    // Resumed while the last step was ending: carry on.
    if ((await loadJob())?.meta.status === 'running') void driveBulkJob();
  });
  return driving;
}
