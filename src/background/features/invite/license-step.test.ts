import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../../test/support/fake-extension.ts';
import type { ActivityEntry } from '../../../common/activity-entry.ts';
import type { Operation } from '../../../common/operation.ts';
import type { LicensePath } from '../../../common/powerbi.ts';

// A Power BI invitation whose licence is ticked in the form, run by the engine against a faked worker: storage, the
// account, Graph's invitation batch, and the guest's licences as Graph would keep them.
vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const MEGAN = { tenantId: CONTOSO, id: '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e', username: 'megan@contoso.example', name: 'Megan' };
vi.mock('../../core/settings.ts', () => ({ usableSettings: async () => ({}) }));
vi.mock('../../core/auth.ts', () => ({ currentAccount: async () => MEGAN, forAccount: (s: object) => s }));
const GUEST = '00000000-0000-4000-8000-000000000077';
vi.mock('../../services/graph/client.ts', async () => {
  const { fakeGraphClient } = await import('../../../../test/support/fake-graph.ts');
  return fakeGraphClient((r) =>
    r.method === 'GET'
      ? { id: r.id, status: 200, body: { value: [] } }
      : {
          id: r.id,
          status: 201,
          body: { invitedUser: { id: GUEST }, status: 'PendingAcceptance', inviteRedeemUrl: 'https://r' },
        },
  );
});

const PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
/** The guest as Graph keeps them: a new guest has no usage location, and Graph refuses a licence without one. */
const guest = { usageLocation: null as string | null, licenses: [] as string[] };
const path = (held: boolean): LicensePath => ({
  kind: 'pro',
  headline: held ? 'Has Pro' : 'Pro needed',
  reason: '',
  sku: { skuId: PRO, name: 'Power BI Pro', free: 3 },
  held,
});
vi.mock('./powerbi-access.ts', () => ({
  grantWorkspaceAccess: async () => path(guest.licenses.includes(PRO)),
  guestLicensePath: async () => path(guest.licenses.includes(PRO)),
  assignGuestLicense: async (_s: unknown, r: { skuId: string; usageLocation?: string }) => {
    // Imported when called: the worker's modules are fresh in each test, and its error class with them.
    const { AppError, ErrorCodes } = await import('../../../common/errors.ts');
    if (!guest.usageLocation && !r.usageLocation) throw new AppError(ErrorCodes.usageLocationRequired);
    guest.usageLocation ??= r.usageLocation ?? null;
    guest.licenses.push(r.skuId);
  },
}));

const WORKSPACE = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const start = (license?: { skuId: string; usageLocation?: string }) => ({
  invitation: { email: 'ana@partner.example', redirectUrl: 'https://x.example', sendEmail: true, userType: 'Guest' as const },
  powerBi: { workspaceId: WORKSPACE, viewer: false, country: 'NL', ...(license ? { license } : {}) },
});
const stored = () => (storage.get('operations') as Operation[])[0] as Operation;
const activity = () => (storage.get('activity') as ActivityEntry[] | undefined) ?? [];

let work: typeof import('../registry.ts');
let ops: typeof import('./operations.ts');
let store: typeof import('./operation-store.ts');
let driveWork: () => Promise<void>;

beforeEach(async () => {
  vi.resetModules();
  work = await import('../registry.ts');
  ops = await import('./operations.ts');
  store = await import('./operation-store.ts');
  ({ driveWork } = await import('../../engine/driver.ts'));
  storage.clear();
  Object.assign(guest, { usageLocation: null, licenses: [] });
});

describe('a licence ticked with a Power BI invitation', () => {
  it('is a step of the invitation after its Power BI grant, the usage location set first', async () => {
    await work.start('operation', start({ skuId: PRO, usageLocation: 'NL' }));
    await driveWork();
    expect(stored().steps.map((s) => [s.kind, s.state])).toEqual([
      ['invite', 'done'],
      ['powerBi', 'done'],
      ['license', 'done'],
    ]);
    expect(guest).toEqual({ usageLocation: 'NL', licenses: [PRO] });
    expect(stored().granted?.licensePath.held).toBe(true);
    expect(activity().map((e) => [e.action, e.outcome, e.detail])).toEqual([
      ['invited', 'succeeded', expect.any(String)],
      ['license', 'succeeded', 'Power BI Pro, usage location NL'],
    ]);
  });

  it('is not planned when it was not ticked', async () => {
    await work.start('operation', start());
    await driveWork();
    expect(stored().steps.map((s) => s.kind)).toEqual(['invite', 'powerBi']);
    expect(guest.licenses).toEqual([]);
  });
});

describe('a usage location asked for on the result card', () => {
  it('is a question Activity lists as waiting, never a failed licence, and the answer assigns it', async () => {
    await work.start('operation', start());
    await driveWork();
    await ops.addLicense(MEGAN, stored().id, { skuId: PRO });
    await driveWork();
    expect(stored().steps.at(-1)).toMatchObject({ kind: 'license', state: 'failed', code: 'usage_location_required' });
    expect(activity().filter((e) => e.action === 'license')).toEqual([]);
    expect(await store.waitingSteps(MEGAN)).toEqual([
      { subject: 'ana@partner.example', step: expect.any(String), words: expect.stringContaining('Waiting for a country') },
    ]);

    await ops.addLicense(MEGAN, stored().id, { skuId: PRO, usageLocation: 'NL' });
    await driveWork();
    expect(guest).toEqual({ usageLocation: 'NL', licenses: [PRO] });
    expect(await store.waitingSteps(MEGAN)).toEqual([]);
    expect(
      activity()
        .filter((e) => e.action === 'license')
        .map((e) => e.outcome),
    ).toEqual(['succeeded']);
  });

  it('is no longer listed once the card is dismissed', async () => {
    await work.start('operation', start());
    await driveWork();
    await ops.addLicense(MEGAN, stored().id, { skuId: PRO });
    await driveWork();
    await ops.dismissOperation(MEGAN, stored().id);
    expect(await store.waitingSteps(MEGAN)).toEqual([]);
  });
});
