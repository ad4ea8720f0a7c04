import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS, SIGN_IN_SCOPES } from '../../common/config.ts';

vi.mock('../../common/browser.ts', () => import('../../../test/support/fake-extension.ts'));
/** What the worker asked MSAL (the offscreen document) for, and who MSAL has signed in. */
const asked: { settings: object; accountId?: string }[] = [];
const msal = { signedIn: 'megan' };
vi.mock('./offscreen.ts', () => ({
  callOffscreen: async (_name: string, request: { settings: object; accountId?: string }) => {
    asked.push(request);
    if (request.accountId && request.accountId !== msal.signedIn) throw Object.assign(new Error('other'), { code: 'x' });
    return { accessToken: `token of ${msal.signedIn}`, expiresOn: Date.now() + 3_600_000, scopes: [] };
  },
}));

let auth: typeof import('./auth.ts');
beforeEach(async () => {
  vi.resetModules();
  auth = await import('./auth.ts');
  asked.length = 0;
  msal.signedIn = 'megan';
});

describe('tokens for queued work', () => {
  it("asks MSAL for the owner's token only, and never hands one account's held token to another", async () => {
    const megan = auth.forAccount(SANDBOX_SETTINGS, 'megan');
    expect((await auth.graphToken(megan, false)).accessToken).toBe('token of megan');
    expect(asked[0]).toEqual(expect.objectContaining({ settings: SANDBOX_SETTINGS, accountId: 'megan' }));
    // Megan signs out and Kim signs in without the worker stopping: Megan's work gets no token at all.
    msal.signedIn = 'kim';
    await expect(auth.graphToken(auth.forAccount(SANDBOX_SETTINGS, 'kim'), false)).resolves.toMatchObject({
      accessToken: 'token of kim',
    });
    auth.forgetTokens();
    await expect(auth.graphToken(megan, false)).rejects.toThrow();
  });
});

describe('scopes asked for', () => {
  it('signs in for My access alone: Graph User.Read for the token, the rest consented at once', () => {
    expect(auth.consentRequest(SIGN_IN_SCOPES)).toEqual({
      scopes: ['https://graph.microsoft.com/User.Read'],
      extraScopes: [
        'https://management.azure.com/user_impersonation',
        'https://analysis.windows.net/powerbi/api/App.Read.All',
        'https://analysis.windows.net/powerbi/api/Workspace.Read.All',
      ],
    });
  });

  it('asks each resource for the scopes sign-in consented, whatever features were consented since', async () => {
    await auth.graphToken(SANDBOX_SETTINGS, false);
    await auth.armToken(SANDBOX_SETTINGS, false);
    expect(asked.map((a) => (a as { scopes?: string[] }).scopes)).toEqual([
      ['https://graph.microsoft.com/User.Read'],
      ['https://management.azure.com/user_impersonation'],
    ]);
  });
});
