import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../common/browser.ts', () => ({ browser: {} }));
const { assertResetIsTheirs, invitationBody } = await import('./invitations.ts');

const GUEST = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';

/** Graph as far as an invitation goes: one existing guest, and a record of what was posted. */
function fakeSession(guest: { mail: string; otherMails: string[] }) {
  const posted: unknown[] = [];
  const request = (path: string) => ({
    select: () => request(path),
    filter: () => request(path),
    get: async () => {
      if (path === `/users/${GUEST}`) return { id: GUEST, ...guest, userType: 'Guest', displayName: 'Kim' };
      return { value: [] };
    },
    post: async (body: unknown) => {
      posted.push(body);
      return { invitedUser: { id: GUEST }, status: 'PendingAcceptance', inviteRedeemUrl: 'https://redeem' };
    },
  });
  const session = {
    client: { api: (path: string) => request(path) },
    grantedScopes: async () => ['https://graph.microsoft.com/User.Invite.All'],
  };
  return { session: session as unknown as { client: never }, posted };
}

const reset = (email: string) => ({
  email,
  redirectUrl: 'https://myapps.microsoft.com',
  sendEmail: false,
  userType: 'Guest' as const,
  resetRedemptionOf: GUEST,
});

describe('resetting redemption', () => {
  it('refuses to move a guest to an address that is not theirs', async () => {
    const { session } = fakeSession({ mail: 'kim@partner.example', otherMails: ['kim@partner.example'] });
    await expect(assertResetIsTheirs(session.client, GUEST, 'attacker@evil.example')).rejects.toMatchObject({
      code: 'reset_address_mismatch',
    });
  });

  it('resets the guest who has the address, as mail or one of otherMails', async () => {
    const { session } = fakeSession({ mail: 'kim@partner.example', otherMails: ['kim.old@partner.example'] });
    await expect(assertResetIsTheirs(session.client, GUEST, 'KIM.old@partner.example')).resolves.toBeUndefined();
    expect(invitationBody(reset('KIM.old@partner.example'))).toMatchObject({ resetRedemption: true, invitedUser: { id: GUEST } });
  });
});
