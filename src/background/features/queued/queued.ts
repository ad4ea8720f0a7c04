import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { OperationRecord } from '../../../common/operation.ts';
import type { QueuedItem, QueuedPool, QueuedView } from '../../../common/queued.ts';
import { inFlight } from '../../../logic/bulk/job.ts';
import { ownedBy, ownerOf } from '../../core/owner.ts';
import { driveWork } from '../../engine/driver.ts';
import type { StoredKind } from '../../engine/kinds.ts';
import { recordEnd } from '../bulk/bulk-pool.ts';
import { changeRow, type LoadedJob, loadJob, saveJob } from '../bulk/store.ts';
import { KINDS as REGISTERED } from '../registry.ts';

/**
 * Queued work by account (issue 21, item 1). Each unit records the account that confirmed it; the engine sends a
 * unit only with that account's token. Here: what another account sees of it, its Discard and Run, and the end of
 * an account's own unsent work when it signs out and clears this browser's data.
 */

type StoredPool = Exclude<QueuedPool, 'bulk'>;
type Kind<T extends OperationRecord> = StoredKind<T, never>;
/** The kinds kept as lists of records (every registered kind but the bulk job, read on its own below). */
const KINDS = Object.fromEntries(Object.entries(REGISTERED).filter(([pool]) => pool !== 'bulk')) as unknown as Record<
  StoredPool,
  Kind<OperationRecord>
>;

const unsent = (u: OperationRecord) => u.status !== 'done';

/** Every step not taken ends, saying why; the unit is done and goes into its owner's activity. */
function endUnit(u: OperationRecord, reason: string): void {
  for (const s of u.steps) if (s.state === 'pending') Object.assign(s, { state: 'failed', error: reason });
  Object.assign(u, { status: 'done', waitingFor: undefined, finishedAt: Date.now() });
}

const bulkUnsent = (job: LoadedJob | null): job is LoadedJob =>
  !!job && !job.refused && (job.meta.status === 'running' || job.meta.status === 'paused' || job.rows.some(inFlight));

/** What the account signed in sees of queued work: its own count, and other accounts' unsent work. */
export async function queuedView(account: SignedInAccount): Promise<QueuedView> {
  let mine = 0;
  const others: QueuedItem[] = [];
  for (const [pool, kind] of Object.entries(KINDS) as [QueuedPool, Kind<OperationRecord>][]) {
    for (const u of (await kind.list.load()).filter(unsent)) {
      if (ownedBy(account, u)) mine++;
      else others.push(item(account, pool, kind, u));
    }
  }
  const job = await loadJob();
  if (bulkUnsent(job)) {
    if (ownedBy(account, job.meta)) mine++;
    else {
      const left = job.rows.filter((r) => r.outcome === 'pending').length;
      others.push({
        pool: 'bulk',
        id: job.meta.id,
        queuedBy: job.meta.username || t('queuedByUnknown'),
        createdAt: job.meta.createdAt,
        what: t('queuedBulk', job.meta.fileName, String(left)),
        mayRun: job.meta.tenantId === account.tenantId,
      });
    }
  }
  return { mine, others: others.sort((a, b) => a.createdAt - b.createdAt) };
}

function item(account: SignedInAccount, pool: QueuedPool, kind: Kind<OperationRecord>, u: OperationRecord): QueuedItem {
  return {
    pool,
    id: u.id,
    queuedBy: u.username || t('queuedByUnknown'),
    createdAt: u.createdAt,
    what: kind.what(u),
    mayRun: kind.transferable && u.tenantId === account.tenantId,
  };
}

const notQueued = () => new AppError(ErrorCodes.badMessage, t('queuedGone'));

/** Ends a bulk job where it stands: nothing more is sent, owed grants are stopped, its end goes into its owner's activity. */
async function endJob(job: LoadedJob, reason: string): Promise<void> {
  if (job.meta.status !== 'done') job.meta.status = 'cancelled';
  job.meta.finishedAt = Date.now();
  for (const [i, r] of job.rows.entries()) {
    if (!r.steps.some((s) => s.state === 'pending')) continue;
    for (const s of r.steps) if (s.state === 'pending') Object.assign(s, { state: 'failed', error: reason });
    changeRow(job, i, r.outcome === 'pending' ? { outcome: 'skipped', reason } : {});
  }
  await saveJob(job);
  await recordEnd(job);
}

/** Another account's unit, discarded by the account signed in: never sent; its owner finds why in their activity. */
export async function discardQueued(account: SignedInAccount, pool: QueuedPool, id: string): Promise<QueuedView> {
  const reason = t('queuedDiscardedBy', account.username);
  if (pool === 'bulk') {
    const job = await loadJob();
    if (!bulkUnsent(job) || job.meta.id !== id || ownedBy(account, job.meta)) throw notQueued();
    await endJob(job, reason);
  } else {
    const kind = KINDS[pool];
    const ended = await kind.list.change((list) => {
      const u = list.find((x) => x.id === id && unsent(x) && !ownedBy(account, x));
      if (u) endUnit(u, reason);
      return u && structuredClone(u);
    });
    if (!ended) throw notQueued();
    await kind.record(ended);
  }
  return queuedView(account);
}

/**
 * Another account's unit, taken over after this account's own confirmation: from now it is this account's, sent
 * with its token and listed in its activity. Only within the same tenant, and never another person's activation.
 */
export async function runQueued(account: SignedInAccount, pool: QueuedPool, id: string): Promise<QueuedView> {
  const owner = ownerOf(account);
  if (pool === 'bulk') {
    const job = await loadJob();
    if (!bulkUnsent(job) || job.meta.id !== id || ownedBy(account, job.meta)) throw notQueued();
    if (job.meta.tenantId !== account.tenantId) throw new AppError(ErrorCodes.badMessage, t('queuedOtherTenant'));
    Object.assign(job.meta, owner);
    await saveJob(job);
  } else {
    const kind = KINDS[pool];
    if (!kind.transferable) throw new AppError(ErrorCodes.badMessage, t('queuedNotTransferable'));
    const taken = await kind.list.change((list) => {
      const u = list.find((x) => x.id === id && unsent(x) && !ownedBy(account, x));
      if (!u) return false;
      if (u.tenantId !== account.tenantId) throw new AppError(ErrorCodes.badMessage, t('queuedOtherTenant'));
      Object.assign(u, owner, { status: 'running', waitingFor: undefined });
      return true;
    });
    if (!taken) throw notQueued();
  }
  void driveWork();
  return queuedView(account);
}

/**
 * At sign-out with "clear this browser's data": the signing-out account's unsent work ends (nothing of it is sent
 * under the next sign-in, nor left for it to see). Returns how many units ended.
 */
export async function endOwnWork(account: SignedInAccount): Promise<number> {
  const reason = t('queuedEndedAtSignOut');
  let count = 0;
  for (const kind of Object.values(KINDS) as Kind<OperationRecord>[]) {
    const ended = await kind.list.change((list) => {
      const mine = list.filter((u) => unsent(u) && ownedBy(account, u));
      for (const u of mine) endUnit(u, reason);
      return structuredClone(mine);
    });
    for (const u of ended) await kind.record(u);
    count += ended.length;
  }
  const job = await loadJob();
  if (bulkUnsent(job) && ownedBy(account, job.meta)) {
    await endJob(job, reason);
    count++;
  }
  return count;
}
