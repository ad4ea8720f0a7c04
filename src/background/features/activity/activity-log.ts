import Papa from 'papaparse';
import { type AccessReviewRecord, reviewScopeWords } from '../../../common/access-review.ts';
import { groupOfScope } from '../../../common/access-review-schema.ts';
import { ACTION_WORDS, type ActivityEntry, type ActivityFilter } from '../../../common/activity-entry.ts';
import { changeWords, type GuestChangeRecord } from '../../../common/guest-card.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { Activation } from '../../../common/my-access.ts';
import type { Operation, OperationStep } from '../../../common/operation.ts';
import { describeScope } from '../../../common/page-context.ts';
import { local } from '../../../common/storage.ts';
import { requestStatusWords } from '../../../logic/azure.ts';
import type { JobCounts } from '../../../logic/bulk/job.ts';
import { formatDateTime, formatNumber } from '../../../logic/format.ts';
import { oneAtATime } from '../../../logic/one-at-a-time.ts';
import { type Owner, ownedBy } from '../../core/owner.ts';
import { type EntryBase, stepDefinition } from '../../engine/registry.ts';
import { neutralizeCell } from '../bulk/results.ts';

/** The list is bounded both ways: the newest 1,000 entries, none older than 90 days. */
const MAX_ENTRIES = 1000;
const MAX_AGE_MS = 90 * 86_400_000;

const queue = oneAtATime();

/** Whose entry it is: each account sees its own (issue 21), the CSV names who was signed in. */
const ownerFields = (o: Owner) => ({ username: o.username, tenantId: o.tenantId, principalId: o.principalId });

/**
 * An entry of the account signed in. Entries written before owners were kept are matched by the name signed in.
 */
const mine = (account: SignedInAccount) => (e: ActivityEntry) =>
  e.principalId ? ownedBy(account, e) : e.username === account.username && e.tenantId === account.tenantId;

function record(entries: ActivityEntry[]): Promise<void> {
  return queue(async () => {
    const since = Date.now() - MAX_AGE_MS;
    const kept = (await local.activity.get()).filter((e) => e.at >= since);
    await local.activity.set([...kept, ...entries].slice(-MAX_ENTRIES));
  });
}

/**
 * What a single invitation did, one entry per step ended since it was last recorded (a licence asked for later
 * adds its own), with the redeem link on the invitation's; each step kind words its entries in its definition.
 */
export function recordOperation(op: Operation): Promise<void> {
  const entries = op.steps.flatMap((step) => (step.logged || step.state === 'pending' ? [] : stepEntries(op, step)));
  for (const step of op.steps) if (step.state !== 'pending') step.logged = true;
  return record(entries);
}

/** A step's entries, as its kind's definition words them (features/<feature>/steps/<kind>.ts); none for a kind unknown. */
function stepEntries(op: Operation, step: OperationStep): ActivityEntry[] {
  const done = step.state === 'done';
  const base: EntryBase = {
    at: op.finishedAt ?? Date.now(),
    ...ownerFields(op),
    subject: op.invitation.email,
    outcome: done ? 'succeeded' : 'failed',
    error: done ? undefined : (step.error ?? t('activityNotDone')),
  };
  return stepDefinition(step.kind)?.entry(op, base) ?? [];
}

/** A bulk job that ended, as one entry with its counts. */
export function recordBulkJob(job: Owner & { fileName: string }, counts: JobCounts): Promise<void> {
  const failed = counts.failed > 0;
  return record([
    {
      at: Date.now(),
      ...ownerFields(job),
      action: 'bulk',
      subject: job.fileName,
      detail: t('loggedBulk', ...[counts.total, counts.sent, counts.skipped, counts.failed].map((n) => formatNumber(n))),
      outcome: failed ? 'failed' : 'succeeded',
      ...(failed ? { error: t('loggedBulkFailed', formatNumber(counts.failed)) } : {}),
    },
  ]);
}

/** The account's own entries, newest first, filtered by outcome. */
export async function activity(account: SignedInAccount, show: ActivityFilter): Promise<ActivityEntry[]> {
  const all = await local.activity.get();
  return all.filter((e) => mine(account)(e) && (show === 'all' || e.outcome === show)).reverse();
}

export async function activityCsv(account: SignedInAccount): Promise<{ fileName: string; csv: string }> {
  const rows = (await activity(account, 'all')).map((e) =>
    [
      new Date(e.at).toISOString(),
      e.username,
      ACTION_WORDS[e.action],
      e.subject,
      e.detail,
      e.scope ?? '',
      e.outcome === 'succeeded' ? t('activitySucceeded') : t('activityFailed'),
      e.error ?? '',
      e.redeemUrl ?? '',
    ].map(neutralizeCell),
  );
  const fields = [
    t('csvWhen'),
    t('csvSignedInAs'),
    t('csvWhat'),
    t('csvWho'),
    t('csvDetails'),
    t('csvScope'),
    t('csvOutcome'),
    t('csvError'),
    t('resultRedeemLink'),
  ];
  const day = new Date().toISOString().slice(0, 10);
  // The byte-order mark makes Excel read the file as UTF-8, as the bulk results do.
  return {
    fileName: `invite-here-activity-${day}.csv`,
    csv: `\uFEFF${Papa.unparse({ fields, data: rows }, { newline: '\r\n' })}\r\n`,
  };
}

/** Clears the account's own entries; other accounts' stay theirs. */
export function clearActivity(account: SignedInAccount): Promise<void> {
  return queue(async () => {
    const kept = (await local.activity.get()).filter((e) => !mine(account)(e));
    await local.activity.set(kept);
  });
}

/** An activation or early end of a role of one's own: one entry, with the window Azure gave. */
export function recordActivation(a: Activation): Promise<void> {
  if (a.steps.every((s) => s.logged)) return Promise.resolve();
  for (const s of a.steps) s.logged = true;
  const failed = a.steps.find((s) => s.state === 'failed');
  const r = a.result;
  const scope = describeScope(a.draft.scope);
  const what =
    a.kind === 'activate' && r?.end
      ? t('loggedActivationUntil', a.draft.roleName, scope, formatDateTime(r.end))
      : t('loggedActivation', a.draft.roleName, scope);
  const status = r && !failed ? ` (${requestStatusWords(r.status)})` : '';
  return record([
    {
      at: a.finishedAt ?? Date.now(),
      ...ownerFields(a),
      action: a.kind === 'activate' ? 'activated' : 'deactivated',
      subject: a.username,
      detail: `${what}${status}`,
      scope: a.draft.scope,
      outcome: failed ? 'failed' : 'succeeded',
      error: failed?.error,
    },
  ]);
}

const CHANGE_ACTIONS: Record<GuestChangeRecord['change']['kind'], ActivityEntry['action']> = {
  convert: 'converted',
  addSponsor: 'sponsor',
  leaveGroup: 'removed',
  removeWorkspaceRole: 'removed',
  removeAzureRole: 'removed',
  removeLicense: 'removed',
  deleteUser: 'deleted',
  createGroup: 'groupCreated',
  restoreUser: 'restored',
  attest: 'attested',
  disableUser: 'disabled',
  enableUser: 'enabled',
};

/** A change made from a guest's card: one entry, with what it did ("removed", "was not a member any more"). */
export function recordGuestChange(r: GuestChangeRecord): Promise<void> {
  if (r.steps.every((s) => s.logged)) return Promise.resolve();
  for (const s of r.steps) s.logged = true;
  const failed = r.steps.find((s) => s.state === 'failed');
  const scope = r.change.kind === 'removeAzureRole' ? r.change.role.scope : undefined;
  const deleted = r.change.kind === 'deleteUser' && !failed ? r.change.user : undefined;
  return record([
    {
      at: r.finishedAt ?? Date.now(),
      ...ownerFields(r),
      action: CHANGE_ACTIONS[r.change.kind],
      subject: r.guest.mail,
      detail: `${changeWords(r.change)}${r.outcome && !failed ? `: ${r.outcome}` : ''}`,
      ...(scope ? { scope } : {}),
      ...(deleted ? { deletedUser: { id: r.guest.id, displayName: r.guest.displayName, user: deleted } } : {}),
      outcome: failed ? 'failed' : 'succeeded',
      error: failed?.error,
    },
  ]);
}

/** A review created at an Azure scope (issue 27), or found there already by its name: one entry. */
export function recordAccessReview(r: AccessReviewRecord): Promise<void> {
  if (r.steps.every((s) => s.logged)) return Promise.resolve();
  for (const s of r.steps) s.logged = true;
  const failed = r.steps.find((s) => s.state === 'failed');
  const scope = reviewScopeWords(r.draft.scope, r.draft.scopeName);
  return record([
    {
      at: r.finishedAt ?? Date.now(),
      ...ownerFields(r),
      action: 'review',
      subject: r.draft.displayName,
      detail: r.created?.found
        ? t('loggedReviewFound', r.draft.displayName, scope)
        : t('loggedReview', r.draft.displayName, scope),
      // The exact id Activity shows is an Azure scope's; a group's review names its group in the words.
      ...(groupOfScope(r.draft.scope) ? {} : { scope: r.draft.scope }),
      outcome: failed ? 'failed' : 'succeeded',
      error: failed?.error,
    },
  ]);
}
