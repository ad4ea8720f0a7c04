import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../../../test/support/fake-extension.ts';
import type { ActivityEntry } from '../../../common/activity-entry.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { Operation } from '../../../common/operation.ts';
import { recentInvitations } from './recent-invitations.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));

const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const ME: SignedInAccount = {
  id: '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e',
  username: 'megan@contoso.example',
  name: 'Megan Bowen',
  tenantId: CONTOSO,
};
const owner = { tenantId: CONTOSO, principalId: ME.id, username: ME.username };
const T = Date.UTC(2026, 11, 7, 9, 0);

/** A single invitation whose invite step is `state`; done ones name the guest Graph made. */
const op = (email: string, at: number, state: 'pending' | 'done' | 'failed', name = 'Ada Lovelace'): Operation =>
  ({
    ...owner,
    id: `op-${email}`,
    createdAt: at,
    status: state === 'pending' ? 'running' : 'done',
    steps: [{ kind: 'invite', state, ...(state === 'failed' ? { error: 'Blocked domain' } : {}) }],
    invitation: { email, displayName: name, redirectUrl: 'https://myapps.microsoft.com', sendEmail: true, userType: 'Guest' },
    ...(state === 'done'
      ? {
          invited: {
            guest: { id: `id-${email}`, displayName: name, email, userPrincipalName: email, userType: 'Guest', state: 'pending' },
            status: 'PendingAcceptance',
            redeemUrl: '',
            existing: false,
          },
        }
      : {}),
  }) as unknown as Operation;

const entry = (subject: string, at: number, action: ActivityEntry['action'] = 'invited'): ActivityEntry => ({
  ...owner,
  at,
  action,
  subject,
  detail: 'as guest',
  outcome: 'succeeded',
});

beforeEach(() => storage.clear());

describe('the recent invitations the Guests tab starts with', () => {
  it('lists invitations still held with name, id and state, and older ones from Activity by address, newest first', async () => {
    storage.set('operations', [op('ada@fabrikam.example', T, 'done'), op('bo@partner.example', T + 60_000, 'pending', 'Bo')]);
    storage.set('activity', [
      entry('old@partner.example', T - 86_400_000),
      // The held invitation's own entry, when it ended: the same invitation, not a second one.
      entry('ada@fabrikam.example', T + 5_000),
      entry('sam@partner.example', T - 1000, 'group'),
    ]);
    const { invitations, extent } = await recentInvitations(ME);
    expect(invitations).toEqual([
      { email: 'bo@partner.example', name: 'Bo', at: T + 60_000, state: 'sending' },
      { email: 'ada@fabrikam.example', name: 'Ada Lovelace', at: T, state: 'invited', guestId: 'id-ada@fabrikam.example' },
      { email: 'old@partner.example', name: null, at: T - 86_400_000, state: 'invited' },
    ]);
    expect(extent).toEqual({ read: 3, complete: true, total: 3 });
  });

  it('shows the newest few and says how many there are', async () => {
    storage.set(
      'activity',
      Array.from({ length: 14 }, (_, i) => entry(`p${i}@partner.example`, T + i)),
    );
    const { invitations, extent } = await recentInvitations(ME, 10);
    expect(invitations.map((r) => r.email)[0]).toBe('p13@partner.example');
    expect(extent).toEqual({ read: 10, complete: false, total: 14 });
  });

  it('names a guest by address only when Graph named them by their address', async () => {
    storage.set('operations', [op('ada@fabrikam.example', T, 'done', 'ada@fabrikam.example')]);
    expect((await recentInvitations(ME)).invitations[0]?.name).toBeNull();
  });

  it("leaves out another account's invitations", async () => {
    storage.set('operations', [{ ...op('ada@fabrikam.example', T, 'done'), principalId: 'someone-else' }]);
    expect((await recentInvitations(ME)).invitations).toEqual([]);
  });
});
