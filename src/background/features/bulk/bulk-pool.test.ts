import { GraphError } from '@microsoft/microsoft-graph-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../../test/support/fake-extension.ts';
import type * as Errors from '../../../common/errors.ts';
import type { JobMeta, JobRow } from '../../../logic/bulk/job.ts';

// The worker's surroundings, faked: storage and alarms, the signed-in account, and Graph's $batch endpoint.
vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
vi.mock('../../core/settings.ts', () => ({ usableSettings: async () => ({}) }));
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const ME = '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e';
vi.mock('../../core/auth.ts', () => ({
  currentAccount: async () => ({ tenantId: CONTOSO, id: ME, username: 'megan@contoso.example' }),
  forAccount: (s: object, accountId: string) => ({ ...s, accountId }),
  // The account was granted every scope a job needs: starting one asks for no consent.
  scopedToken: async () => ({ accessToken: 't', expiresOn: 0, scopes: [] }),
}));
vi.mock('../../services/rest.ts', () => ({ wait: async (ms: number) => void vi.setSystemTime(Date.now() + ms) }));

/** Graph as the job meets it: who exists, and an answer per invitation (by address, first try first). */
const existing = new Set<string>();
const sent: string[] = [];
let answers: Record<string, { status: number; headers?: Record<string, string>; message?: string }[]> = {};
/** The next whole batches of invitations fail this way (as the Graph client throws), before Graph sees them. */
const batchFailures: unknown[] = [];
/** The next look-ups of who exists fail (503), past the client's own retries. */
let lookupFailures = 0;
/** The next look-ups do not see users yet, as a replica that has not caught up. */
let hiddenLooks = 0;
vi.mock('../../services/graph/client.ts', async () => {
  const { askedMails, fakeGraphClient } = await import('../../../../test/support/fake-graph.ts');
  return fakeGraphClient(
    (r) => {
      if (r.method === 'GET' && lookupFailures > 0) {
        lookupFailures--;
        return { id: r.id, status: 503, headers: { 'Retry-After': '1' }, body: { error: { message: 'Unavailable.' } } };
      }
      if (r.method === 'GET' && hiddenLooks > 0) {
        hiddenLooks--;
        return { id: r.id, status: 200, body: { value: [] } };
      }
      if (r.method === 'GET') {
        const value = askedMails(r).filter((m) => existing.has(m));
        return { id: r.id, status: 200, body: { value: value.map((mail) => ({ id: `id-${mail}`, mail, userType: 'Guest' })) } };
      }
      const email = r.body?.invitedUserEmailAddress as string;
      sent.push(email);
      const planned = answers[email]?.shift() ?? { status: 201 };
      if (planned.status !== 201) {
        return { id: r.id, status: planned.status, headers: planned.headers, body: { error: { message: planned.message } } };
      }
      existing.add(email);
      return { id: r.id, status: 201, body: { invitedUser: { id: `id-${email}` }, inviteRedeemUrl: `https://redeem/${email}` } };
    },
    (requests) => {
      if (batchFailures.length && requests.some((r) => r.method === 'POST')) throw batchFailures.shift();
    },
  );
});

/** The engine with the features registered, as a worker starts it. */
const engine = async () => {
  await import('../registry.ts');
  return import('../../engine/driver.ts');
};

const { SETTLE_MS } = await import('../../engine/rules.ts');
const { rowSteps } = await import('../../../logic/bulk/job.ts');
/** A fresh worker: the engine and the job's store read everything from storage again. */
let driveBulkJob: () => Promise<void>;
/** The error class of that same fresh worker (a class from before the reset would not match its checks). */
let errors: typeof Errors;

/** A running job of these rows; `inFlight` rows were sent at `inFlightAt` and not seen answered. */
function seed(rows: Partial<JobRow>[], meta: Partial<JobMeta> & { inFlight?: number[]; inFlightAt?: number } = {}): void {
  const { inFlight = [], inFlightAt, ...rest } = meta;
  const full = rows.map((r, i) => {
    const row = {
      line: i + 2,
      email: `r${i}@partner.example`,
      redirectUrl: 'https://x.example',
      sendEmail: true,
      verdict: 'invite' as const,
      outcome: 'pending' as const,
      ...r,
    };
    const steps = rowSteps(row);
    if (inFlight.includes(i) && steps[0]) steps[0].sentAt = inFlightAt;
    return { ...row, steps };
  });
  storage.set('bulkJob', {
    id: '0c4f1a2b-3d5e-4f60-8a1b-2c3d4e5f6a7b',
    fileName: 'f.csv',
    tenantId: CONTOSO,
    principalId: ME,
    username: 'megan@contoso.example',
    status: 'running',
    rowCount: full.length,
    defaultRedirectUrl: 'https://x.example',
    createdAt: Date.now(),
    sentAt: [],
    pace: [],
    ...rest,
  });
  storage.set('bulkRows.0', full);
}

const rows = () => storage.get('bulkRows.0') as JobRow[];

beforeEach(async () => {
  vi.resetModules();
  ({ driveWork: driveBulkJob } = await engine());
  errors = await import('../../../common/errors.ts');
  vi.useFakeTimers({ toFake: ['Date'] });
  storage.clear();
  existing.clear();
  sent.length = 0;
  answers = {};
  batchFailures.length = 0;
  lookupFailures = 0;
  hiddenLooks = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the bulk job', () => {
  it('checks a batch cut off by a stopped worker before sending any of it again', async () => {
    // The worker stopped with rows 0 and 1 sent; Graph had created row 0's guest, not row 1's.
    existing.add('r0@partner.example');
    seed([{}, {}, {}], { inFlight: [0, 1], inFlightAt: Date.now() });
    await driveBulkJob();
    expect(sent.sort()).toEqual(['r1@partner.example', 'r2@partner.example']);
    expect(rows().map((r) => [r.outcome, r.userId, r.redeemUrl])).toEqual([
      ['invited', 'id-r0@partner.example', undefined],
      ['invited', 'id-r1@partner.example', 'https://redeem/r1@partner.example'],
      ['invited', 'id-r2@partner.example', 'https://redeem/r2@partner.example'],
    ]);
    expect((storage.get('bulkJob') as JobMeta).status).toBe('done');
  });

  it('waits the batch out before asking, so an answer still on its way counts', async () => {
    const sentAt = Date.now();
    seed([{}], { inFlight: [0], inFlightAt: sentAt });
    existing.add('r0@partner.example');
    await driveBulkJob();
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(SETTLE_MS);
    expect(sent).toEqual([]);
  });

  it("sends a throttled row again after its Retry-After, and fails a refused one with Graph's reason", async () => {
    answers['r0@partner.example'] = [{ status: 429, headers: { 'Retry-After': '7' } }];
    answers['r1@partner.example'] = [{ status: 400, message: 'The invited user domain is blocked.' }];
    const started = Date.now();
    seed([{}, {}]);
    await driveBulkJob();
    expect(sent).toEqual(['r0@partner.example', 'r1@partner.example', 'r0@partner.example']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(7000);
    expect(rows().map((r) => [r.outcome, r.error])).toEqual([
      ['invited', undefined],
      ['failed', 'The invited user domain is blocked.'],
    ]);
  });

  it('gives up on a row that keeps failing, saying how often it tried', async () => {
    answers['r0@partner.example'] = Array(10).fill({ status: 503, message: 'Service unavailable.' });
    seed([{}]);
    await driveBulkJob();
    expect(sent).toHaveLength(6);
    expect(rows()[0]).toMatchObject({ outcome: 'failed', error: 'Service unavailable. (after 6 tries)' });
  });

  it('keeps to 150 invitations per 5 seconds', async () => {
    seed(Array.from({ length: 400 }, () => ({})));
    const started = Date.now();
    await driveBulkJob();
    expect(sent).toHaveLength(400);
    // 400 rows: 140 at once, then at most 150 per window after the first ones leave it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(rows().every((r) => r.outcome === 'invited')).toBe(true);
  });

  it('does not touch rows that are already guests, and does nothing while paused', async () => {
    seed([{ verdict: 'reuse', userId: 'pat' }, {}], { status: 'paused' });
    await driveBulkJob();
    expect(sent).toEqual([]);
    expect(rows().map((r) => r.outcome)).toEqual(['pending', 'pending']);
    storage.set('bulkJob', { ...(storage.get('bulkJob') as JobMeta), status: 'running' });
    vi.resetModules();
    ({ driveWork: driveBulkJob } = await engine());
    await driveBulkJob();
    expect(sent).toEqual(['r1@partner.example']);
    expect(rows().map((r) => r.outcome)).toEqual(['reused', 'invited']);
  });
  it('sends a batch Graph refused as a whole (429) again after its Retry-After, without waiting to check it', async () => {
    const refused = new GraphError(429, 'Too many requests.');
    refused.headers = new Headers({ 'retry-after': '3' });
    batchFailures.push(new errors.AppError(errors.ErrorCodes.throttled, 'Too many requests.', { cause: refused }));
    seed([{}, {}]);
    const started = Date.now();
    await driveBulkJob();
    expect(sent).toEqual(['r0@partner.example', 'r1@partner.example']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(Date.now() - started).toBeLessThan(SETTLE_MS);
  });

  it('checks a batch lost on the way (no answer at all) before sending any of it again', async () => {
    batchFailures.push(new errors.AppError(errors.ErrorCodes.network, 'Failed to fetch'));
    seed([{}]);
    const started = Date.now();
    await driveBulkJob();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SETTLE_MS);
    expect(sent).toEqual(['r0@partner.example']);
    expect(rows()[0]?.outcome).toBe('invited');
  });
  it('holds every row, not only the throttled one, for the Retry-After, and does not count throttling as a try', async () => {
    answers['r0@partner.example'] = [{ status: 429, headers: { 'Retry-After': '5' } }];
    seed(Array.from({ length: 21 }, () => ({})));
    const started = Date.now();
    await driveBulkJob();
    // The 21st row waited for the hold the first batch's 429 set, though it was never throttled itself.
    expect(sent.slice(20)).toEqual(['r0@partner.example', 'r20@partner.example']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
    expect(rows()[0]?.outcome).toBe('invited');
    expect(rows()[0]?.steps[0]?.attempts ?? 0).toBe(0);
  });

  it('checks a row answered 500 or 504 before sending it again: Graph may have done it', async () => {
    answers['r0@partner.example'] = [{ status: 504, message: 'Gateway timeout.' }];
    answers['r1@partner.example'] = [{ status: 500, message: 'Internal error.' }];
    existing.add('r0@partner.example');
    seed([{}, {}]);
    await driveBulkJob();
    expect(sent).toEqual(['r0@partner.example', 'r1@partner.example', 'r1@partner.example']);
    expect(rows().map((r) => r.outcome)).toEqual(['invited', 'invited']);
  });

  it('does not take a failed look-up for "nobody there": the check is tried again, the invitation is not', async () => {
    existing.add('r0@partner.example');
    lookupFailures = 8;
    seed([{}], { inFlight: [0], inFlightAt: Date.now() });
    await driveBulkJob();
    expect(sent).toEqual([]);
    expect(rows()[0]?.outcome).toBe('invited');
  });
  it('looks a second time, later, before sending a cut-off row again', async () => {
    existing.add('r0@partner.example');
    hiddenLooks = 1;
    const sentAt = Date.now();
    seed([{}], { inFlight: [0], inFlightAt: sentAt });
    await driveBulkJob();
    expect(sent).toEqual([]);
    expect(rows()[0]?.outcome).toBe('invited');
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2 * SETTLE_MS);
  });
});

describe('a cancelled job', () => {
  it('looks for the rows it had in flight and sends none of them again: those Graph did not take are skipped', async () => {
    existing.add('r0@partner.example');
    seed([{}, {}, {}], { status: 'cancelled', inFlight: [0, 1], inFlightAt: Date.now() });
    await driveBulkJob();
    expect(sent).toEqual([]);
    expect(rows().map((r) => r.outcome)).toEqual(['invited', 'skipped', 'skipped']);
    expect(rows()[1]?.steps[0]).toMatchObject({ state: 'failed', error: 'Cancelled before it was sent.' });
  });
});

describe('a job stored by an earlier version, mid-run', () => {
  it('gives its rows their steps and looks for the rows it had in flight before sending anything again', async () => {
    seed([{}, {}]);
    const legacyRows = rows().map(({ steps: _, ...r }) => r);
    storage.set('bulkRows.0', legacyRows);
    storage.set('bulkJob', { ...(storage.get('bulkJob') as JobMeta), inFlight: [0], inFlightAt: Date.now() });
    existing.add('r0@partner.example');
    await driveBulkJob();
    expect(sent).toEqual(['r1@partner.example']);
    expect(rows().map((r) => [r.outcome, r.steps.map((s) => s.state).join()])).toEqual([
      ['invited', 'done'],
      ['invited', 'done'],
    ]);
  });
});

describe('a stored job the extension would not have written', () => {
  const SUB = '11111111-2222-4333-8444-555555555555';
  const week = { kind: 'eligible' as const, start: null, end: { afterDays: 7 } };

  it.each([
    [
      'a scope that climbs out of its resource',
      { roleScope: `/subscriptions/${SUB}/resourceGroups/rg/../..`, roleSchedule: week },
    ],
    ['a scope with an encoded separator', { roleScope: `/subscriptions/${SUB}/resourceGroups/rg%2F..`, roleSchedule: week }],
    [
      'a role with no end',
      { roleScope: `/subscriptions/${SUB}/resourceGroups/rg`, roleSchedule: { kind: 'active' as const, start: null, end: null } },
    ],
    [
      'a role of more days than a year',
      { roleScope: `/subscriptions/${SUB}/resourceGroups/rg`, roleSchedule: { ...week, end: { afterDays: 366 } } },
    ],
    ['a redirect that is not https', { defaultRedirectUrl: 'javascript:alert(1)' }],
    ['a tenant that is not a GUID', { tenantId: 'contoso' }],
  ])('runs none of a job with %s', async (_why, meta) => {
    seed([{}, {}], meta);
    await driveBulkJob();
    expect(sent).toEqual([]);
    const { bulkSummary } = await import('./bulk.ts');
    expect((await bulkSummary())?.pausedReason).toMatch(/did not pass its checks/);
  });

  it('sends the rows that pass and not one whose redirect is not https', async () => {
    seed([{}, { redirectUrl: 'javascript:alert(1)' }, { redirectUrl: 'http://x.example' }]);
    await driveBulkJob();
    expect(sent).toEqual(['r0@partner.example']);
    expect(rows().map((r) => r.outcome)).toEqual(['invited', 'failed', 'failed']);
    expect(rows()[1]?.error).toMatch(/https/);
  });
});

describe('starting and cancelling from the popup', () => {
  const JOB = '0c4f1a2b-3d5e-4f60-8a1b-2c3d4e5f6a7b';
  const GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';

  it('does not start a job unless its preview, this one, was acknowledged', async () => {
    seed([{}], { status: 'preview' });
    const { controlBulk } = await import('./bulk.ts');
    await expect(controlBulk('start')).rejects.toMatchObject({ code: 'bulk_job_state' });
    await expect(controlBulk('start', undefined, { acknowledged: '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a' })).rejects.toMatchObject(
      {
        code: 'bulk_job_state',
      },
    );
    expect((storage.get('bulkJob') as JobMeta).status).toBe('preview');
    expect(sent).toEqual([]);
    expect((await controlBulk('start', undefined, { acknowledged: JOB })).status).toBe('running');
  });

  it('stops the group joins still owed to invited guests when cancelled with that choice, and only then', async () => {
    const invitedOwingGroup = () => {
      seed([{ groupId: GROUP }, { groupId: GROUP }]);
      const [first, second] = rows();
      storage.set('bulkRows.0', [
        {
          ...first,
          outcome: 'invited',
          userId: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
          steps: [
            { kind: 'invite', state: 'done' },
            { kind: 'group', state: 'pending' },
          ],
        },
        second,
      ]);
    };
    invitedOwingGroup();
    let bulk = await import('./bulk.ts');
    expect((await bulk.controlBulk('cancel')).sending).toBe(true);
    // The cancelled job goes on to add that guest to the group; a fresh worker then meets the same job anew.
    await driveBulkJob();
    expect(rows()[0]?.steps[1]?.state).toBe('done');

    vi.resetModules();
    invitedOwingGroup();
    bulk = await import('./bulk.ts');
    const cancelled = await bulk.controlBulk('cancel', undefined, { stopOwedGrants: true });
    await (await engine()).driveWork();
    expect(cancelled.sending).toBe(false);
    expect(rows()[0]?.steps[1]).toEqual({ kind: 'group', state: 'failed', error: 'Stopped when the job was cancelled.' });
    expect(rows()[1]?.outcome).toBe('skipped');
  });
});
