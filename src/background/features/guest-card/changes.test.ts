import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../../test/support/fake-extension.ts';
import type { ActivityEntry } from '../../../common/activity-entry.ts';
import { type GuestChangeRecord, partnerGroupDraft } from '../../../common/guest-card.ts';

// The worker's surroundings, faked: storage, the account, and the one function that talks to Microsoft. The pool,
// the engine and the driver are the extension's own.
vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
vi.mock('../../core/settings.ts', () => ({ usableSettings: async () => ({}) }));
vi.mock('../../core/auth.ts', () => ({
  currentAccount: async () => ({
    tenantId: CONTOSO,
    id: '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e',
    username: 'megan@contoso.example',
  }),
  forAccount: (s: object, accountId: string) => ({ ...s, accountId }),
}));
vi.mock('../../services/rest.ts', () => ({ wait: async (ms: number) => void vi.setSystemTime(Date.now() + ms) }));
vi.mock('../../services/graph/client.ts', () => ({ graphSession: () => ({ client: {}, grantedScopes: async () => [] }) }));

/** Each call the pool made: whether it said an earlier send may have arrived. */
const calls: { kind: string; mayExist: boolean }[] = [];
let answers: (() => { outcome: string } | Error)[] = [];
vi.mock('./apply.ts', () => ({
  applyChange: async (_s: unknown, _g: unknown, r: GuestChangeRecord, mayExist: boolean) => {
    calls.push({ kind: r.change.kind, mayExist });
    const next = answers.shift()?.() ?? { outcome: 'removed' };
    if (next instanceof Error) throw next;
    return next;
  },
}));

const GUEST = { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', mail: 'nora@partner.example', displayName: 'nora' };
const AS_READ = { userPrincipalName: 'nora_partner.example#EXT#@contoso.onmicrosoft.com', userType: 'Guest', external: true };
const GROUP = { id: '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c', displayName: 'Sales Analytics viewers' };

let work: typeof import('../registry.ts');
const startGuestChange = (guest: GuestChangeRecord['guest'], change: GuestChangeRecord['change']) =>
  work.start('guestChange', { guest, change });
let driveWork: () => Promise<void>;
const stored = () => ((storage.get('guestChanges') as GuestChangeRecord[]) ?? [])[0] as GuestChangeRecord;
const activity = () => (storage.get('activity') as ActivityEntry[] | undefined) ?? [];

async function freshWorker(): Promise<void> {
  vi.resetModules();
  work = await import('../registry.ts');
  ({ driveWork } = await import('../../engine/driver.ts'));
}

beforeEach(async () => {
  await freshWorker();
  vi.useFakeTimers({ toFake: ['Date'] });
  storage.clear();
  calls.length = 0;
  answers = [];
});

describe('changes made from a guest card', () => {
  it('carries a removal out once and lists it in Activity with what it did', async () => {
    await startGuestChange(GUEST, { kind: 'leaveGroup', group: GROUP });
    await driveWork();
    expect(calls).toEqual([{ kind: 'leaveGroup', mayExist: false }]);
    expect(stored()).toMatchObject({ status: 'done', outcome: 'removed' });
    expect(activity()).toEqual([
      expect.objectContaining({
        action: 'removed',
        subject: GUEST.mail,
        detail: 'Remove from Sales Analytics viewers: removed',
        outcome: 'succeeded',
      }),
    ]);
  });

  it("attests to a guest's continued need once, listed in Activity as an attestation of that guest", async () => {
    answers = [() => ({ outcome: 'attested' })];
    await startGuestChange(GUEST, { kind: 'attest' });
    // A second click while the first is under way is refused: one attestation.
    await expect(startGuestChange(GUEST, { kind: 'attest' })).rejects.toMatchObject({ code: 'request_pending' });
    await driveWork();
    expect(calls).toEqual([{ kind: 'attest', mayExist: false }]);
    expect(activity()).toEqual([
      expect.objectContaining({
        action: 'attested',
        subject: GUEST.mail,
        detail: 'Attest continued need: attested',
        username: 'megan@contoso.example',
      }),
    ]);
  });

  it('ends a stored step of a kind this version does not know, saying nothing was done, and carries on', async () => {
    await startGuestChange(GUEST, { kind: 'leaveGroup', group: GROUP });
    const [record] = storage.get('guestChanges') as GuestChangeRecord[];
    storage.set('guestChanges', [{ ...record, steps: [{ kind: 'unknownKind', state: 'pending' }] }]);
    await driveWork();
    expect(calls).toEqual([]);
    expect(stored()).toMatchObject({ status: 'done', steps: [{ kind: 'unknownKind', state: 'failed', code: 'bad_message' }] });
  });

  it('after a worker stopped mid-request, says the earlier send may have arrived, so it is looked for first', async () => {
    // As the engine stores it just before the request leaves, and a worker stopped then.
    const r: GuestChangeRecord = {
      id: crypto.randomUUID(),
      requestName: crypto.randomUUID(),
      guest: GUEST,
      change: { kind: 'deleteUser', user: AS_READ },
      tenantId: CONTOSO,
      principalId: '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e',
      username: 'megan@contoso.example',
      createdAt: Date.now(),
      status: 'running',
      steps: [{ kind: 'change', state: 'pending', sentAt: Date.now() }],
    };
    storage.set('guestChanges', [r]);
    answers = [() => ({ outcome: 'was already deleted' })];
    await driveWork();
    expect(calls).toEqual([{ kind: 'deleteUser', mayExist: true }]);
    expect(stored()).toMatchObject({ status: 'done', outcome: 'was already deleted' });
  });

  it('waits out a 503 and tries again, as one that may have arrived', async () => {
    const { AppError, ErrorCodes } = await import('../../../common/errors.ts');
    answers = [() => new AppError(ErrorCodes.serviceUnavailable, 'busy')];
    await startGuestChange(GUEST, { kind: 'convert', to: 'Member', user: AS_READ });
    await driveWork();
    expect(calls).toEqual([
      { kind: 'convert', mayExist: false },
      { kind: 'convert', mayExist: true },
    ]);
    expect(stored().status).toBe('done');
    expect(activity()).toHaveLength(1);
  });

  it('does not delete a member whose deletion was stored without the admin acknowledging they are one', async () => {
    const employee = { userPrincipalName: 'lee@contoso.example', userType: 'Member', external: false };
    await startGuestChange(GUEST, { kind: 'deleteUser', user: employee });
    await driveWork();
    expect(calls).toEqual([]);
    expect(stored().steps[0]).toMatchObject({ state: 'failed', code: 'bad_message' });
    expect(stored().steps[0]?.error).toContain('only after the admin confirmed');
  });

  it('refuses the same change twice while the first is under way', async () => {
    await startGuestChange(GUEST, { kind: 'leaveGroup', group: GROUP });
    await expect(startGuestChange(GUEST, { kind: 'leaveGroup', group: GROUP })).rejects.toMatchObject({
      code: 'request_pending',
    });
  });

  it("refuses a second group for a partner from another guest's card while the first is under way", async () => {
    await startGuestChange(GUEST, { kind: 'createGroup', group: partnerGroupDraft('partner.example') });
    const other = { ...GUEST, id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', mail: 'pat@partner.example' };
    const renamed = { ...partnerGroupDraft('partner.example'), displayName: 'Partner Ltd guests' };
    await expect(startGuestChange(other, { kind: 'createGroup', group: renamed })).rejects.toMatchObject({
      code: 'request_pending',
    });
  });

  it('lists a deletion in Activity with whom to restore, and a restore as its own entry', async () => {
    await startGuestChange(GUEST, { kind: 'deleteUser', user: AS_READ });
    await driveWork();
    await startGuestChange(GUEST, { kind: 'restoreUser', user: AS_READ });
    answers = [() => ({ outcome: 'restored' })];
    await driveWork();
    expect(calls.map((c) => c.kind)).toEqual(['deleteUser', 'restoreUser']);
    expect(activity().map((e) => [e.action, e.deletedUser?.id])).toEqual([
      ['deleted', GUEST.id],
      ['restored', undefined],
    ]);
  });

  it('does not run a stored change the extension would not have written', async () => {
    await startGuestChange(GUEST, {
      kind: 'createGroup',
      group: { displayName: 'x', mailNickname: 'x', domain: 'partner.example', membershipRule: '(user.userType -eq "Member")' },
    });
    await driveWork();
    expect(calls).toEqual([]);
    expect(stored().steps[0]).toMatchObject({ state: 'failed', code: 'bad_message' });
  });

  it('sends a group for a long partner domain, and refuses a nickname Graph would not take before sending it', async () => {
    const domain = `${'a'.repeat(60)}.example`;
    await startGuestChange(GUEST, { kind: 'createGroup', group: partnerGroupDraft(domain) });
    await driveWork();
    expect(calls).toEqual([{ kind: 'createGroup', mayExist: false }]);
    await freshWorker();
    storage.clear();
    calls.length = 0;
    const tooLong = { ...partnerGroupDraft(domain), mailNickname: `guests-${'a'.repeat(56)}` };
    await startGuestChange(GUEST, { kind: 'createGroup', group: tooLong });
    await driveWork();
    expect(calls).toEqual([]);
    expect(stored().steps[0]).toMatchObject({ state: 'failed', code: 'bad_message' });
    expect(stored().steps[0]?.error).toContain('longer than the 64 characters Graph takes');
  });
});
