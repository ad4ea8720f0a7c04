import { t } from '../../../common/i18n.ts';
import { stepOf } from '../../../common/operation.ts';
import { local, removeTogether, type StoredEntry, setTogether } from '../../../common/storage.ts';
import { type JobMeta, type JobRow, rowSteps } from '../../../logic/bulk/job.ts';
import { MAX_BULK_ROWS } from '../../../logic/inputs.ts';
import { jobProblem } from '../../core/stored-checks.ts';

/** Rows per storage key: a step touches one or two chunks, not the whole file. */
const CHUNK = 500;

export interface LoadedJob {
  meta: JobMeta;
  rows: JobRow[];
  dirty: Set<number>;
  /** Why the job as stored is not run at all (it fails the checks in checks.ts); the popup shows it. */
  refused?: string;
}

const chunkCount = (rows: number) => Math.ceil(rows / CHUNK);

// Read once per worker life; every later change goes through this copy and is written back by saveJob.
let loading: Promise<LoadedJob | null> | null = null;
/** The job this worker holds; a save from a job since replaced or discarded is dropped, not written over it. */
let current: LoadedJob | null = null;

async function read(): Promise<LoadedJob | null> {
  const meta = await local.bulkJob.get();
  if (!meta) return null;
  const problem = typeof meta === 'object' ? jobProblem(meta, MAX_BULK_ROWS) : t('checkNotAJob');
  if (problem) {
    // Shown, never run, and never written back over: clearing it is the person's choice.
    current = { meta: refusedMeta(meta), rows: [], dirty: new Set(), refused: problem };
    return current;
  }
  const chunks = await Promise.all(Array.from({ length: chunkCount(meta.rowCount) }, (_, n) => local.bulkRows(n).get()));
  const rows = chunks.flatMap((c) => c ?? []);
  // A chunk missing would shift every later row: refuse the job rather than act on the wrong rows.
  if (rows.length !== meta.rowCount) return null;
  withSteps(meta, rows);
  current = { meta, rows, dirty: new Set() };
  return current;
}

/**
 * A job stored by an earlier version (an update of the extension mid-job) kept its rows' progress in other fields:
 * its rows get their steps, and the rows it had sent and not seen answered are looked for before anything is resent.
 */
function withSteps(meta: JobMeta, rows: JobRow[]): void {
  const legacy = meta as JobMeta & { inFlight?: unknown; inFlightAt?: unknown };
  const sent = Array.isArray(legacy.inFlight) ? legacy.inFlight : [];
  for (const [i, r] of rows.entries()) {
    if (Array.isArray(r.steps)) continue;
    const old = r as JobRow & { joinedGroup?: boolean; groupError?: string; roleGiven?: boolean; roleError?: string };
    const planned = r.outcome === 'pending' || r.outcome === 'invited' || r.outcome === 'reused';
    r.steps = planned ? rowSteps(r) : [];
    for (const step of r.steps) {
      // What the row had done already, as those fields said: an invited row still owes what they do not say done.
      if (step.kind === 'invite' && r.outcome !== 'pending') step.state = 'done';
      const [done, error] = step.kind === 'group' ? [old.joinedGroup, old.groupError] : [old.roleGiven, old.roleError];
      if (step.kind !== 'invite' && done) step.state = 'done';
      if (step.kind !== 'invite' && error) Object.assign(step, { state: 'failed', error });
      if (step.kind !== 'invite' && r.outcome === 'reused' && step.state === 'pending') step.state = 'done';
    }
    const invite = stepOf(r.steps, 'invite');
    if (invite?.state === 'pending' && sent.includes(i))
      invite.sentAt = typeof legacy.inFlightAt === 'number' ? legacy.inFlightAt : Date.now();
  }
  delete legacy.inFlight;
  delete legacy.inFlightAt;
}

/** A stored job that failed its checks, as far as the popup needs to name it: paused, nothing to send. */
function refusedMeta(stored: unknown): JobMeta {
  const name = (stored as { fileName?: unknown } | null)?.fileName;
  return {
    id: '00000000-0000-0000-0000-000000000000',
    fileName: typeof name === 'string' ? name.slice(0, 260) : 'bulk job',
    tenantId: '',
    principalId: '',
    username: '',
    status: 'paused',
    rowCount: 0,
    defaultRedirectUrl: '',
    createdAt: 0,
    sentAt: [],
    pace: [],
  };
}

export function loadJob(): Promise<LoadedJob | null> {
  loading ??= read();
  return loading;
}

/** Marks a row changed in place (its steps), to be written with the next save. */
export function touchRow(job: LoadedJob, index: number): void {
  job.dirty.add(Math.floor(index / CHUNK));
}

/** Changes a row, marking its chunk to be written with the next save. */
export function changeRow(job: LoadedJob, index: number, change: Partial<JobRow>): void {
  Object.assign(job.rows[index] as JobRow, change);
  touchRow(job, index);
}

export async function saveJob(job: LoadedJob): Promise<void> {
  if (job !== current || job.refused) return;
  const chunks = [...job.dirty];
  const values: StoredEntry[] = [local.bulkJob.entry(job.meta)];
  for (const n of chunks) values.push(local.bulkRows(n).entry(job.rows.slice(n * CHUNK, (n + 1) * CHUNK)));
  job.dirty.clear();
  try {
    await setTogether(values);
  } catch (e) {
    // Written next time, with whatever else changed meanwhile.
    for (const n of chunks) job.dirty.add(n);
    throw e;
  }
}

export async function discardJob(): Promise<void> {
  const old = await loadJob();
  const rows = old?.refused ? MAX_BULK_ROWS : (old?.meta.rowCount ?? 0);
  const chunks = old ? Array.from({ length: chunkCount(rows) }, (_, n) => local.bulkRows(n)) : [];
  current = null;
  loading = Promise.resolve(null);
  await removeTogether([local.bulkJob, ...chunks]);
}

export async function createJob(meta: JobMeta, rows: JobRow[]): Promise<LoadedJob> {
  await discardJob();
  const job: LoadedJob = { meta, rows, dirty: new Set(Array.from({ length: chunkCount(rows.length) }, (_, n) => n)) };
  current = job;
  loading = Promise.resolve(job);
  await saveJob(job);
  return job;
}
