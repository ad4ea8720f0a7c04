import { t } from '../../../common/i18n.ts';
import { stepOf } from '../../../common/operation.ts';
import { countOutcomes, grantOwed, inFlight, type JobRow } from '../../../logic/bulk/job.ts';
import { MAX_BULK_ROWS } from '../../../logic/inputs.ts';
import { ownedBy } from '../../core/owner.ts';
import { jobProblem, rowProblem } from '../../core/stored-checks.ts';
import type { AccountNow, OpenPool } from '../../engine/pool.ts';
import type { KindDefinition } from '../../engine/registry.ts';
import { reads } from '../../engine/steps.ts';
import { recordBulkJob } from '../activity/activity-log.ts';
import { azureRoleStep } from '../invite/steps/azure-role.ts';
import { envLicenseStep } from '../invite/steps/env-license.ts';
import { environmentStep } from '../invite/steps/environment.ts';
import { groupStep } from '../invite/steps/group.ts';
import { type InviteResult, inviteStep } from '../invite/steps/invite.ts';
import { profileStep } from '../invite/steps/profile.ts';
import { changeRow, type LoadedJob, loadJob, saveJob, touchRow } from './store.ts';

/**
 * The bulk job as a pool for the engine: each row is a unit with the same steps as a single invitation
 * (common/operation.ts), and the job adds only what a file of them needs: start, pause, resume and cancel, the
 * tenant's invitation window kept across worker restarts, the pace, and one activity entry at the end.
 */

const PACE_SAMPLES = 40;

/** Invited, and still owed a group or a role: given even when the job is paused or cancelled meanwhile. */
export const sentNeedsGrant = (r: JobRow) => r.outcome === 'invited' && grantOwed(r);

/** A paused or cancelled job may still owe the end of what it sent (a stopped worker's batch, grants): finish that. */
export const owesWork = (job: LoadedJob) => job.rows.some((r) => inFlight(r) || sentNeedsGrant(r));

/** Rows of a cancelled job not sent (or come back to be sent again) are skipped; rows in flight wait their answer. */
export function skipUnsent(job: LoadedJob): void {
  if (job.meta.status !== 'cancelled') return;
  for (const [i, r] of job.rows.entries()) {
    if (r.outcome !== 'pending' || inFlight(r)) continue;
    const reason = t('bulkCancelledBeforeSent');
    for (const st of r.steps) if (st.state === 'pending') Object.assign(st, { state: 'failed', error: reason });
    changeRow(job, i, { outcome: 'skipped', reason });
  }
}

/**
 * Stops what a cancelled job still owes guests it invited (a group join, a role, a licence): the person chose to
 * stop those too. Rows whose invitation is still on its way get the same, so they do not join once it is answered.
 */
export function stopOwedGrants(job: LoadedJob): void {
  const reason = t('bulkStoppedOnCancel');
  for (const [i, r] of job.rows.entries()) {
    if (!sentNeedsGrant(r) && !inFlight(r)) continue;
    for (const st of r.steps)
      if (st.kind !== 'invite' && st.state === 'pending') Object.assign(st, { state: 'failed', error: reason });
    touchRow(job, i);
  }
}

function recordPace(job: LoadedJob): void {
  const invited = job.rows.reduce((n, r) => n + (r.outcome === 'invited' ? 1 : 0), 0);
  const last = job.meta.pace.at(-1);
  if (last?.[1] === invited) return;
  job.meta.pace = [...job.meta.pace, [Date.now(), invited] as [number, number]].slice(-PACE_SAMPLES);
}

function pauseWith(job: LoadedJob, reason: string): void {
  if (job.meta.status === 'running') job.meta.status = 'paused';
  job.meta.pausedReason = reason;
}

/** A job that has ended (done, or cancelled with nothing owed) goes into the activity list, once. */
export async function recordEnd(job: LoadedJob): Promise<void> {
  const ended = job.meta.status === 'done' || job.meta.status === 'cancelled';
  if (!ended || owesWork(job) || job.meta.recorded) return;
  // Recorded before it is saved as recorded: a worker stopped in between records it twice, not never.
  await recordBulkJob(job.meta, countOutcomes(job.rows));
  job.meta.recorded = true;
  await saveJob(job);
}

/** Whether the row has a step to take now: all of its work while the job runs, only what it owes otherwise. */
function hasWork(job: LoadedJob, r: JobRow): boolean {
  if (job.meta.status === 'running' && r.outcome === 'pending') return true;
  return inFlight(r) || sentNeedsGrant(r);
}

/** A row of a job, as its steps read it. */
interface RowUnit {
  job: LoadedJob;
  row: JobRow;
}

/** The row's own environment grants, in the job's environment (the environment step joins the security group). */
const environmentOf = ({ job, row: r }: RowUnit) =>
  (r.environmentRoleId || r.licenseSkuId) && job.meta.environment ? job.meta.environment : undefined;

/** What each row's steps act on: its own address and ids, the job's scope and schedule. */
const ROW_INPUTS = [
  reads(inviteStep, ({ row: r }: RowUnit) => ({
    invitation: {
      email: r.email,
      redirectUrl: r.redirectUrl,
      sendEmail: r.sendEmail,
      userType: 'Guest',
      ...(r.message ? { message: r.message } : {}),
      ...(r.displayName ? { displayName: r.displayName } : {}),
    },
    // The preview looked every address up, and a member's row has no invite step.
    guard: false,
  })),
  reads(groupStep, ({ row: r }: RowUnit) => ({ groupId: r.groupId ?? '' })),
  reads(azureRoleStep, ({ job, row: r }: RowUnit) => {
    const { roleScope, roleSchedule } = job.meta;
    if (!r.roleId || !roleScope || !roleSchedule) return undefined;
    return {
      azure: { scope: roleScope, roleId: r.roleId, schedule: roleSchedule, bulk: true },
      guest: { id: r.userId ?? '', email: r.email.trim(), isNew: false },
    };
  }),
  // A bulk row's profile is empty: only its usage location, set with the licence.
  reads(profileStep, (unit: RowUnit) =>
    environmentOf(unit) ? { profile: { givenName: '', surname: '' }, guestId: unit.row.userId ?? '' } : undefined,
  ),
  reads(envLicenseStep, (unit: RowUnit) => {
    const { row: r } = unit;
    const skuId = r.licenseSkuId || environmentOf(unit)?.license?.skuId;
    if (!environmentOf(unit) || !skuId) return undefined;
    return { skuId, guestId: r.userId ?? '', ...(r.usageLocation ? { usageLocation: r.usageLocation } : {}) };
  }),
  reads(environmentStep, (unit: RowUnit) => {
    const environment = environmentOf(unit);
    const { row: r } = unit;
    if (!environment?.instanceUrl) return undefined;
    const { environmentId, instanceUrl, securityGroup } = environment;
    const role = r.environmentRoleId ? { id: r.environmentRoleId, name: r.environmentRole ?? '' } : environment.role;
    return {
      access: {
        environmentId,
        instanceUrl,
        ...(role ? { role } : {}),
        ...(securityGroup ? { securityGroupId: securityGroup.id } : {}),
      },
      guestId: r.userId ?? '',
    };
  }),
];
const rowInputs = new Map(ROW_INPUTS.map((i) => [i.kind, i.read]));

/** The row's outcome once a step has ended: the invitation's, or "already a guest" when all that was owed ended. */
function rowEnded(job: LoadedJob, i: number, kind: string, result?: { guestId: string; redeemUrl: string }): void {
  const r = job.rows[i] as JobRow;
  const invite = stepOf(r.steps, 'invite');
  if (kind === 'invite' && invite?.state === 'done' && result) {
    changeRow(job, i, { outcome: 'invited', userId: result.guestId, redeemUrl: result.redeemUrl || undefined, error: undefined });
  } else if (kind === 'invite' && invite?.state === 'failed') {
    changeRow(job, i, { outcome: 'failed', error: invite.error });
  } else if (r.verdict === 'reuse' && r.steps.every((s) => s.state !== 'pending')) {
    // A guest who existed already is done now, even if the job was cancelled while their grants were on the way.
    changeRow(job, i, { outcome: 'reused', reason: undefined });
  } else touchRow(job, i);
}

/** The bulk job as a pool for one turn, or null when it has nothing to do. */
async function openBulkJob(accountNow: AccountNow): Promise<OpenPool<number> | null> {
  const job = await loadJob();
  if (!job || job.refused) return null;
  skipUnsent(job);
  const ended = job.meta.status === 'done' || job.meta.status === 'cancelled';
  if (job.meta.status !== 'running' && !owesWork(job)) {
    if (ended && !job.meta.recorded) await recordEnd(job);
    return null;
  }
  // Another account's job waits for that account (or its Discard): nothing of it is sent with this sign-in.
  if (!ownedBy(await accountNow(), job.meta)) return null;
  // Checked before every turn, not only when loaded: a step acts on the scope, schedule and redirect it reads here.
  const problem = jobProblem(job.meta, MAX_BULK_ROWS);
  if (problem) {
    pauseWith(job, t('bulkStoppedChecks', problem));
    await saveJob(job);
    return null;
  }
  const units: number[] = [];
  for (const [i, r] of job.rows.entries()) {
    if (!hasWork(job, r)) continue;
    // Already a guest, with nothing to give: done as soon as the job reaches it.
    if (r.verdict === 'reuse' && r.steps.every((s) => s.state !== 'pending')) changeRow(job, i, { outcome: 'reused' });
    else units.push(i);
  }
  const row = (i: number) => job.rows[i] as JobRow;
  return {
    units,
    pacing: job.meta,
    steps: (i) => row(i).steps,
    input: (i, kind) => rowInputs.get(kind)?.({ job, row: row(i) }),
    guestId: (i) => row(i).userId,
    problem: (i) => rowProblem(row(i)),
    ended: (i, step, result) =>
      rowEnded(job, i, step.kind, step.kind === 'invite' ? (result as InviteResult | undefined) : undefined),
    changed: (i) => touchRow(job, i),
    save: () => saveJob(job),
    signInNeeded: () => pauseWith(job, t('bulkSignInRenew')),
    maySend: (i) => job.meta.status === 'running' && row(i).outcome === 'pending',
    close: async () => {
      recordPace(job);
      skipUnsent(job);
      if (job.meta.status === 'running' && !job.rows.some((r) => hasWork(job, r))) {
        job.meta.status = 'done';
        job.meta.finishedAt = Date.now();
      }
      await saveJob(job);
      await recordEnd(job);
    },
  };
}

/** The bulk job: an operation kind that opens its own pool (its rows are in the job's storage, not a list). */
export const bulkKind: KindDefinition<number> = { open: openBulkJob };
