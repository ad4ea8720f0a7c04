import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../../test/support/fake-extension.ts';
import type { ActivityEntry } from '../../../common/activity-entry.ts';
import type { Operation } from '../../../common/operation.ts';
import type { JobMeta, JobRow } from '../../../logic/bulk/job.ts';

// The worker's surroundings, faked: storage and alarms, the signed-in account, Graph's $batch and ARM. Everything
// between the driver and those requests is the extension's own code.
vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const ME = '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e';
vi.mock('../../core/settings.ts', () => ({ usableSettings: async () => ({}) }));
const MEGAN = { tenantId: CONTOSO, id: ME, username: 'megan@contoso.example', name: 'Megan' };
/** Who is signed in: another admin of the tenant signs in after Megan in the tests of queued work. */
const now: { signedIn: typeof MEGAN | null } = { signedIn: MEGAN };
vi.mock('../../core/auth.ts', () => ({
  currentAccount: async () => now.signedIn,
  forAccount: (s: object, accountId: string) => ({ ...s, accountId }),
}));
vi.mock('../../services/rest.ts', () => ({ wait: async (ms: number) => void vi.setSystemTime(Date.now() + ms) }));

const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const guestId = (email: string) => `00000000-0000-4000-8000-${email.length.toString().padStart(12, '0')}`;

/** Every write that reached Microsoft, as method, path and body; look-ups apart. */
const writes: { method: string; url: string; body: unknown }[] = [];
const looks: string[] = [];
const existing = new Map<string, string>();
/** Addresses of members of the tenant (not invited). */
const members = new Set<string>();
/** Planned failures: the next invitation answers, the next ARM writes, by kind (first first). */
let inviteAnswers: { status: number; message?: string }[] = [];
let armFailures: (() => Error)[] = [];
let batchFailures: (() => Error)[] = [];
/** Until then (fake clock, ms) ARM does not see a new guest, and the environment API refuses the guest's licence. */
const notYet = { arm: 0, license: 0, synced: 0 };

vi.mock('../../services/graph/client.ts', async () => {
  const { askedMails, fakeGraphClient } = await import('../../../../test/support/fake-graph.ts');
  return fakeGraphClient(
    (r) => {
      if (r.method === 'GET') {
        looks.push(r.url);
        const value = askedMails(r).flatMap((mail) => {
          const id = existing.get(mail);
          if (!id) return [];
          const member = members.has(mail);
          const userPrincipalName = member ? mail : `${mail.replace('@', '_')}#EXT#@contoso.example`;
          return [{ id, mail, displayName: mail, userType: member ? 'Member' : 'Guest', userPrincipalName }];
        });
        return { id: r.id, status: 200, body: { value } };
      }
      writes.push({ method: 'POST', url: r.url, body: r.body });
      const planned = r.url === '/invitations' ? inviteAnswers.shift() : undefined;
      if (planned) return { id: r.id, status: planned.status, body: { error: { message: planned.message } } };
      if (r.url !== '/invitations') return { id: r.id, status: 204 };
      const email = r.body?.invitedUserEmailAddress as string;
      existing.set(email, guestId(email));
      return {
        id: r.id,
        status: 201,
        body: { invitedUser: { id: guestId(email) }, status: 'PendingAcceptance', inviteRedeemUrl: `https://redeem/${email}` },
      };
    },
    (requests) => {
      const failure = requests.some((r) => r.method === 'POST') ? batchFailures.shift() : undefined;
      if (failure) throw failure();
    },
  );
});
/** Whose token each ARM write was to carry: the engine binds its calls to the account that confirmed the unit. */
const armAccounts: (string | undefined)[] = [];
vi.mock('../../services/arm/client.ts', () => {
  const client = {
    arm: async (settings: { accountId?: string }, method: string, url: string, _version: string, body?: unknown) => {
      if (method === 'GET' && url.endsWith('/roleDefinitions'))
        return {
          value: [
            {
              name: READER,
              properties: { roleName: 'Reader', description: 'View all resources.', permissions: [{ actions: ['*/read'] }] },
            },
          ],
        };
      if (method === 'GET') return { value: [] };
      if (Date.now() < notYet.arm) {
        const { AppError, ErrorCodes } = await import('../../../common/errors.ts');
        throw new AppError(ErrorCodes.principalNotFound, 'PrincipalNotFound');
      }
      const failure = armFailures.shift();
      if (failure) throw failure();
      writes.push({ method, url, body });
      armAccounts.push(settings.accountId);
      return { properties: { scope: SCOPE } };
    },
  };
  // Lists in one page, as `arm` answers them.
  const armList = async (settings: { accountId?: string }, url: string, version: string) => {
    const body = (await client.arm(settings, 'GET', url, version)) as { value?: unknown[] };
    return { items: body.value ?? [], complete: true, read: body.value?.length ?? 0 };
  };
  return { ...client, armList };
});

// The environment: Dataverse's side is powerplatform-access.test.ts's; here, only its answers while it catches up.
vi.mock('./powerplatform-access.ts', () => ({
  enterEnvironment: async () => {
    const { AppError, ErrorCodes } = await import('../../../common/errors.ts');
    if (Date.now() < notYet.license) throw new AppError(ErrorCodes.userNotLicensed, 'userNotLicensed');
    // What access.ts throws while the synced guest is not readable in Dataverse yet.
    if (Date.now() < notYet.synced)
      throw new AppError(ErrorCodes.principalNotFound, 'Dataverse has not synchronised the guest yet.');
    return { systemUserId: '00000000-0000-4000-8000-0000000000aa', roleGiven: true };
  },
}));

let errors: typeof import('../../../common/errors.ts');
let ops: typeof import('./operations.ts');
let work: typeof import('../registry.ts');
let driveWork: () => Promise<void>;
const stored = () => (storage.get('operations') as Operation[])[0] as Operation;
const activity = () => (storage.get('activity') as ActivityEntry[] | undefined) ?? [];

const week = { kind: 'eligible' as const, start: null, end: { afterDays: 7 } };
const invitation = (email: string) => ({ email, redirectUrl: 'https://x.example', sendEmail: true, userType: 'Guest' as const });
const start = {
  invitation: invitation('kim@partner.example'),
  azure: { scope: SCOPE, roleId: READER, roleName: 'Reader', schedule: week },
};

/** A fresh worker: the engine, its pools and their stores read everything from storage again. */
async function freshWorker(): Promise<void> {
  vi.resetModules();
  work = await import('../registry.ts');
  ops = await import('./operations.ts');
  ({ driveWork } = await import('../../engine/driver.ts'));
  errors = await import('../../../common/errors.ts');
}

beforeEach(async () => {
  await freshWorker();
  vi.useFakeTimers({ toFake: ['Date'] });
  storage.clear();
  writes.length = 0;
  armAccounts.length = 0;
  now.signedIn = MEGAN;
  looks.length = 0;
  existing.clear();
  members.clear();
  inviteAnswers = [];
  armFailures = [];
  batchFailures = [];
  Object.assign(notYet, { arm: 0, license: 0, synced: 0 });
});

/** A running bulk job of these rows, as the worker would have stored it. */
function storeJob(rows: JobRow[], meta: Partial<JobMeta> = {}): void {
  storage.set('bulkJob', {
    id: '0c4f1a2b-3d5e-4f60-8a1b-2c3d4e5f6a7b',
    fileName: 'f.csv',
    tenantId: CONTOSO,
    principalId: ME,
    username: 'megan@contoso.example',
    status: 'running',
    rowCount: rows.length,
    defaultRedirectUrl: 'https://x.example',
    createdAt: Date.now(),
    sentAt: [],
    pace: [],
    ...meta,
  } satisfies JobMeta);
  storage.set('bulkRows.0', rows);
}

/** A write as Microsoft saw it, without the ids that differ from one guest (and one request) to the next. */
const shape = (w: { method: string; url: string; body: unknown }) =>
  JSON.parse(
    JSON.stringify(w)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
      .replace(/"[a-z0-9]+@partner\.example"/g, '"ADDRESS"')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME'),
  );

describe('one engine for single invitations and bulk rows', () => {
  it('takes a single invitation and a bulk row through the same steps, sending Microsoft the same requests', async () => {
    await work.start('operation', start);
    await driveWork();
    const single = writes.splice(0).map(shape);

    const row: JobRow = {
      line: 2,
      email: 'lee@partner.example',
      redirectUrl: 'https://x.example',
      sendEmail: true,
      verdict: 'invite',
      outcome: 'pending',
      roleId: READER,
      steps: (await import('../../../logic/bulk/job.ts')).rowSteps({ verdict: 'invite', roleId: READER }),
    };
    storeJob([row], { roleScope: SCOPE, roleSchedule: week });
    await freshWorker();
    await driveWork();
    const bulk = writes.splice(0).map(shape);

    expect(stored().steps.map((s) => [s.kind, s.state])).toEqual([
      ['invite', 'done'],
      ['azureRole', 'done'],
    ]);
    expect((storage.get('bulkRows.0') as JobRow[])[0]?.steps.map((s) => [s.kind, s.state])).toEqual(
      stored().steps.map((s) => [s.kind, s.state]),
    );
    expect(bulk).toEqual(single);
    expect(single.map((w) => `${w.method} ${w.url}`)).toEqual([
      'POST /invitations',
      'PUT /subscriptions/ID/resourceGroups/rg-data/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/ID',
    ]);
  });
});

describe('an expired sign-in', () => {
  it('pauses a bulk job that still owes a grant, and the driver rests instead of asking again and again', async () => {
    const GROUP = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
    const row = {
      line: 2,
      email: 'lee@partner.example',
      redirectUrl: 'https://x.example',
      sendEmail: true,
      verdict: 'invite',
      outcome: 'invited',
      userId: guestId('lee@partner.example'),
      groupId: GROUP,
      steps: [
        { kind: 'invite', state: 'done' },
        { kind: 'group', state: 'pending' },
      ],
    };
    storeJob([row as JobRow]);
    let tries = 0;
    batchFailures = Array.from({ length: 50 }, () => () => {
      tries++;
      return new errors.AppError(errors.ErrorCodes.interactionRequired);
    });
    await driveWork();
    expect(tries).toBe(1);
    expect(storage.get('bulkJob')).toMatchObject({ status: 'paused', pausedReason: expect.stringMatching(/sign in again/) });
    expect((storage.get('bulkRows.0') as JobRow[])[0]?.steps[1]?.state).toBe('pending');
  });
});

describe('a single invitation run by the background', () => {
  it('invites, then gives the role, and keeps the redeem link and an activity entry for each', async () => {
    await work.start('operation', start);
    await driveWork();
    expect(stored()).toMatchObject({
      status: 'done',
      invited: { redeemUrl: 'https://redeem/kim@partner.example', existing: false },
    });
    expect(activity().map((e) => [e.action, e.outcome, e.redeemUrl])).toEqual([
      ['invited', 'succeeded', 'https://redeem/kim@partner.example'],
      ['role', 'succeeded', undefined],
    ]);
  });

  it('refuses an address that belongs to a member, sending nothing, and invites an existing guest again', async () => {
    existing.set('pat@contoso.example', guestId('pat@contoso.example'));
    members.add('pat@contoso.example');
    await work.start('operation', { invitation: invitation('pat@contoso.example') });
    await driveWork();
    expect(stored().steps[0]).toMatchObject({ state: 'failed', code: 'user_exists_as_member' });
    expect(writes).toEqual([]);

    existing.set('kim@partner.example', guestId('kim@partner.example'));
    await work.start('operation', { invitation: invitation('kim@partner.example') });
    await driveWork();
    const again = (storage.get('operations') as Operation[]).at(-1);
    expect(again?.invited).toMatchObject({
      existing: true,
      guest: { userPrincipalName: 'kim_partner.example#EXT#@contoso.example' },
    });
    expect(writes.map((w) => w.url)).toEqual(['/invitations']);
  });

  it('looks for an invitation cut off by a stopped worker before sending it again, after letting it settle', async () => {
    const sentAt = Date.now();
    await work.start('operation', start);
    // As a worker stopped mid-invitation leaves it: sent, no answer kept. Graph had made the guest.
    storage.set('operations', [
      {
        ...stored(),
        steps: [
          { kind: 'invite', state: 'pending', sentAt, guarded: true },
          { kind: 'azureRole', state: 'pending' },
        ],
      },
    ]);
    existing.set('kim@partner.example', guestId('kim@partner.example'));
    await freshWorker();
    await driveWork();
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(10_000);
    expect(writes.filter((w) => w.url === '/invitations')).toEqual([]);
    expect(stored()).toMatchObject({ status: 'done', invited: { guest: { id: guestId('kim@partner.example') }, redeemUrl: '' } });
  });

  it('waits out throttling and a guest Azure does not see yet, then carries on', async () => {
    inviteAnswers = [{ status: 429, message: 'Too many requests.' }];
    const unseen = () => new errors.AppError(errors.ErrorCodes.principalNotFound);
    armFailures = Array(3).fill(unseen);
    await work.start('operation', start);
    await driveWork();
    expect(writes.filter((w) => w.url === '/invitations')).toHaveLength(2);
    expect(stored().steps.map((s) => s.state)).toEqual(['done', 'done']);
    // Tried again after 2, 4 and 8 s, and the card says how long Azure took to see the guest.
    expect(stored().assignment?.waitedMs).toBeGreaterThanOrEqual(14_000);
  });

  it('keeps the invitation when the role is refused, and says why in the step and the activity', async () => {
    armFailures = [() => new errors.AppError(errors.ErrorCodes.forbidden, 'AuthorizationFailed')];
    await work.start('operation', start);
    await driveWork();
    expect(stored().steps[1]).toMatchObject({ state: 'failed', code: 'forbidden', detail: 'AuthorizationFailed' });
    expect(stored().invited?.redeemUrl).toBe('https://redeem/kim@partner.example');
    expect(activity()[1]).toMatchObject({ action: 'role', outcome: 'failed' });
  });

  it("fails the invitation with Graph's reason and gives nothing", async () => {
    inviteAnswers = [{ status: 400, message: 'The invitation message is too long.' }];
    await work.start('operation', start);
    await driveWork();
    expect(stored().steps).toMatchObject([
      { state: 'failed', error: 'The invitation message is too long.', code: 'bad_request' },
      { state: 'failed', error: 'Not done: the invitation did not go through.' },
    ]);
    expect(writes.filter((w) => w.method === 'PUT')).toEqual([]);
  });

  it('waits for a sign-in rather than failing when it expired, then carries on', async () => {
    batchFailures = [() => new errors.AppError(errors.ErrorCodes.interactionRequired)];
    await work.start('operation', start);
    await driveWork();
    expect(stored()).toMatchObject({ status: 'waiting' });
    await work.KINDS.operation.resume(MEGAN);
    await driveWork();
    expect(stored()).toMatchObject({ status: 'done' });
    expect(writes.map((w) => w.method)).toEqual(['POST', 'PUT']);
  });

  it('runs no step of a stored invitation the extension would not have written', async () => {
    await work.start('operation', start);
    const forged = { ...stored(), azure: { ...start.azure, scope: `${SCOPE}/../..` } };
    storage.set('operations', [forged]);
    await freshWorker();
    await driveWork();
    expect(writes).toEqual([]);
    expect(stored().steps.map((s) => s.error)).toEqual([
      'Not done: its Azure scope or role is not one the extension accepts.',
      'Not done: its Azure scope or role is not one the extension accepts.',
    ]);
  });

  it('looks for an invitation lost on the way before sending it again', async () => {
    batchFailures = [() => new errors.AppError(errors.ErrorCodes.network, 'Failed to fetch')];
    await work.start('operation', { invitation: invitation('kim@partner.example') });
    await driveWork();
    // One look before the first send (is it a member's?), two after the loss (made after all?), then the resend.
    expect(looks).toHaveLength(3);
    expect(writes.map((w) => w.url)).toEqual(['/invitations']);
    expect(stored()).toMatchObject({ status: 'done', invited: { redeemUrl: 'https://redeem/kim@partner.example' } });
  });
});

describe('failures that pass with time', () => {
  const SALES = '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01';
  const toSales = {
    invitation: invitation('lena@partner.example'),
    powerPlatform: {
      environmentId: SALES,
      environmentName: 'Contoso Sales',
      url: 'https://contoso-sales.crm.dynamics.com/',
      instanceUrl: 'https://contoso-sales.crm.dynamics.com/',
      role: { id: 'a1b2c3d4-1001-4a01-8b01-000000000001', name: 'Basic User' },
    },
  };
  const MINUTE = 60_000;

  /** Drives the work as the worker and its alarm would, the clock moved on to each wait's end, until it is done. */
  async function driveToTheEnd(): Promise<void> {
    for (let turns = 0; stored().status !== 'done'; turns++) {
      if (turns > 200) throw new Error('the work never ended');
      await driveWork();
      const due = stored().steps.find((s) => s.state === 'pending')?.notBefore ?? 0;
      if (due > Date.now()) vi.setSystemTime(due);
    }
  }

  it('gives the role once Azure sees the new guest, four minutes on, and says how long that took', async () => {
    const started = Date.now();
    notYet.arm = started + 4 * MINUTE;
    await work.start('operation', start);
    await driveToTheEnd();
    expect(stored().steps.map((s) => s.state)).toEqual(['done', 'done']);
    expect(stored().assignment?.waitedMs).toBeGreaterThanOrEqual(4 * MINUTE - 5000);
    // Looked at no more than a minute apart.
    expect(Date.now() - notYet.arm).toBeLessThanOrEqual(MINUTE);
  });

  it('looks for the guest in Azure for five minutes with backoff, then fails saying how long it waited', async () => {
    const started = Date.now();
    notYet.arm = started + 60 * MINUTE;
    await work.start('operation', start);
    await driveWork();
    const { waitingSteps } = await import('./operation-store.ts');
    expect(await waitingSteps(MEGAN)).toEqual([
      {
        subject: 'kim@partner.example',
        step: 'Give Reader (Azure)',
        words: 'Azure has not seen the new guest yet; this usually takes a minute or two.',
      },
    ]);
    await driveToTheEnd();
    expect(await waitingSteps(MEGAN)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(stored().steps[1]).toMatchObject({ state: 'failed', code: 'principal_not_found' });
    expect(stored().steps[1]?.error).toContain('after 5 minutes');
    expect(activity()[1]).toMatchObject({ action: 'role', outcome: 'failed', error: stored().steps[1]?.error });
  });

  it('adds the guest to the environment once the licence has reached Power Platform, eight minutes on', async () => {
    notYet.license = Date.now() + 8 * MINUTE;
    await work.start('operation', toSales);
    await driveToTheEnd();
    expect(stored().steps.map((s) => [s.kind, s.state])).toEqual([
      ['invite', 'done'],
      ['environment', 'done'],
    ]);
    // Looked at every 10 to 30 s meanwhile.
    expect(Date.now() - notYet.license).toBeLessThanOrEqual(30_000);
  });

  it('waits for Dataverse to sync the new guest, three minutes on, saying so meanwhile', async () => {
    notYet.synced = Date.now() + 3 * MINUTE;
    await work.start('operation', toSales);
    await driveWork();
    const { waitingSteps } = await import('./operation-store.ts');
    expect((await waitingSteps(MEGAN)).map((w) => w.words)).toEqual([
      'Dataverse has not synchronised the new guest yet; this usually takes a minute or two.',
    ]);
    await driveToTheEnd();
    expect(stored().steps.map((s) => s.state)).toEqual(['done', 'done']);
  });

  it('waits ten minutes for a licence to reach Power Platform, then fails saying so', async () => {
    const started = Date.now();
    notYet.license = started + 60 * MINUTE;
    await work.start('operation', toSales);
    await driveToTheEnd();
    expect(Date.now() - started).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(stored().steps[1]).toMatchObject({ state: 'failed', code: 'user_not_licensed' });
    expect(stored().steps[1]?.error).toBe(
      "The guest's license has not reached Power Platform yet. Add them to the environment again in a few minutes; the invitation and the license were done. (userNotLicensed) (still so after 10 minutes of trying)",
    );
  });

  it('still gives a step its usual tries for a network failure after a long wait for Azure', async () => {
    notYet.arm = Date.now() + 3 * MINUTE;
    // Once Azure sees the guest, five sends are lost on the way: each is one of the step's six tries.
    armFailures = Array(5).fill(() => new errors.AppError(errors.ErrorCodes.network, 'Failed to fetch'));
    await work.start('operation', start);
    await driveToTheEnd();
    expect(armFailures).toEqual([]);
    expect(stored().steps[1]?.state).toBe('done');
  });
});

describe('queued work belongs to the account that confirmed it', () => {
  const KIM = { tenantId: CONTOSO, id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b', username: 'kim@contoso.example', name: 'Kim' };
  let queued: typeof import('../queued/queued.ts');

  /** Megan's invitation with a role waits for her sign-in to be renewed; she signs out and Kim signs in. */
  async function queuedByMeganThenKim(): Promise<void> {
    queued = await import('../queued/queued.ts');
    batchFailures = [() => new errors.AppError(errors.ErrorCodes.interactionRequired)];
    await work.start('operation', start);
    await driveWork();
    expect(stored()).toMatchObject({ status: 'waiting', principalId: ME });
    now.signedIn = KIM;
    await work.KINDS.operation.resume(KIM);
    await driveWork();
  }

  it("sends none of it with the next account's sign-in, which sees it as queued by its owner and nothing of its result", async () => {
    await queuedByMeganThenKim();
    expect(writes).toEqual([]);
    expect(stored()).toMatchObject({ status: 'waiting' });
    const { shownOperation } = await import('./operation-store.ts');
    expect(await shownOperation(KIM)).toBeNull();
    expect(await queued.queuedView(KIM)).toEqual({
      mine: 0,
      others: [expect.objectContaining({ pool: 'operation', queuedBy: 'megan@contoso.example', mayRun: true })],
    });
  });

  it('runs as the next account only once it confirms, with its token, and its name in the activity', async () => {
    await queuedByMeganThenKim();
    await queued.runQueued(KIM, 'operation', stored().id);
    await driveWork();
    expect(writes.map((w) => w.method)).toEqual(['POST', 'PUT']);
    expect(armAccounts).toEqual([KIM.id]);
    expect(stored()).toMatchObject({ status: 'done', principalId: KIM.id, username: KIM.username });
    expect(activity().map((e) => e.username)).toEqual([KIM.username, KIM.username]);
  });

  it('is discarded by the next account without a request, and its owner reads why', async () => {
    await queuedByMeganThenKim();
    await queued.discardQueued(KIM, 'operation', stored().id);
    now.signedIn = MEGAN;
    await work.KINDS.operation.resume(MEGAN);
    await driveWork();
    expect(writes).toEqual([]);
    expect(stored().steps.map((st) => st.error)).toEqual([
      'Not sent: discarded by kim@contoso.example.',
      'Not sent: discarded by kim@contoso.example.',
    ]);
    expect(activity()[0]).toMatchObject({ username: MEGAN.username, outcome: 'failed' });
  });

  it('lets no other account change or dismiss it', async () => {
    await queuedByMeganThenKim();
    const id = stored().id;
    await expect(ops.addLicense(KIM, id, { skuId: '00000000-0000-4000-8000-000000000001' })).rejects.toMatchObject({
      code: 'bad_message',
    });
    await ops.dismissOperation(KIM, id);
    // Kim's own invitation closes Kim's last card only.
    await work.start('operation', { invitation: invitation('other@partner.example') });
    expect(stored().dismissed).toBeFalsy();
    expect(stored().license).toBeUndefined();
    expect(stored().status).toBe('waiting');
  });

  it("ends the signing-out account's unsent work when it clears this browser's data", async () => {
    queued = await import('../queued/queued.ts');
    batchFailures = [() => new errors.AppError(errors.ErrorCodes.interactionRequired)];
    await work.start('operation', start);
    await driveWork();
    expect(await queued.endOwnWork(MEGAN)).toBe(1);
    await work.KINDS.operation.resume(MEGAN);
    await driveWork();
    expect(writes).toEqual([]);
    expect(stored()).toMatchObject({ status: 'done' });
  });

  it('binds every token of a turn to the owner of the work', async () => {
    await work.start('operation', start);
    await driveWork();
    expect(armAccounts).toEqual([ME]);
  });
});
