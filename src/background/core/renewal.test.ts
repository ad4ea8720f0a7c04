import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../common/config.ts';
import { ErrorCodes } from '../../common/errors.ts';

/**
 * MSAL (the offscreen document) and Entra as the worker meets them: a refresh token that has ended (interaction
 * required), and a login session that lives or not. Every auth flow the worker opens is recorded.
 */
const entra = { refreshTokenEnded: true, sessionLives: true, refusesAfterRenewal: false, unreachable: false };
const flows: { url: string; interactive: boolean }[] = [];
const asked: string[] = [];

vi.mock('../../common/browser.ts', () => ({
  browser: {
    identity: {
      launchWebAuthFlow: async (flow: { url: string; interactive: boolean }) => {
        flows.push(flow);
        // A flow Entra would have to show a page for fails as Chromium's non-interactive flow fails.
        if (!flow.url.includes('prompt=none')) throw new Error('User interaction required.');
        await new Promise((r) => setTimeout(r, 5));
        return entra.sessionLives
          ? 'https://ext.chromiumapp.org/#code=fresh'
          : 'https://ext.chromiumapp.org/#error=login_required&error_description=AADSTS50058';
      },
    },
  },
}));

vi.mock('./offscreen.ts', () => ({
  callOffscreen: async (name: string, request: { scopes?: string[]; responseUrl?: string }) => {
    asked.push(name);
    if (name === 'beginSilentSignIn')
      return { url: `https://login.microsoftonline.com/t/authorize?prompt=none&scope=${request.scopes}` };
    if (name === 'completeSignIn') {
      entra.refreshTokenEnded = entra.refusesAfterRenewal;
      return { account: { id: 'megan' } };
    }
    if (name === 'abandonSignIn') return {};
    if (entra.unreachable) throw new errors.AppError(ErrorCodes.network, 'offline');
    if (entra.refreshTokenEnded) throw new errors.AppError(ErrorCodes.interactionRequired, 'invalid_grant');
    return { accessToken: 'renewed', expiresOn: Date.now() + 3_600_000, scopes: request.scopes };
  },
}));

let auth: typeof import('./auth.ts');
/** The worker's own error module: a fresh worker (resetModules) has its own AppError class. */
let errors: typeof import('../../common/errors.ts');
beforeEach(async () => {
  vi.resetModules();
  auth = await import('./auth.ts');
  errors = await import('../../common/errors.ts');
  Object.assign(entra, { refreshTokenEnded: true, sessionLives: true, refusesAfterRenewal: false, unreachable: false });
  flows.length = 0;
  asked.length = 0;
});

describe('a sign-in whose refresh token ended', () => {
  it('is renewed without a window while the login session lives, and the token is given', async () => {
    await expect(auth.graphToken(SANDBOX_SETTINGS, false)).resolves.toMatchObject({ accessToken: 'renewed' });
    expect(flows).toEqual([{ url: expect.stringContaining('prompt=none'), interactive: false }]);
    expect(asked).toContain('completeSignIn');
  });

  it('asks the person (interaction required) only after the silent renewal failed, showing no window itself', async () => {
    entra.sessionLives = false;
    await expect(auth.graphToken(SANDBOX_SETTINGS, false)).rejects.toMatchObject({ code: ErrorCodes.interactionRequired });
    expect(flows.map((f) => f.interactive)).toEqual([false]);
    // The half-begun request is cleared, so the person's own sign-in starts clean.
    expect(asked).toContain('abandonSignIn');
    expect(asked).not.toContain('completeSignIn');
  });

  it('renews once for every token a view asks for at the same moment', async () => {
    const tokens = await Promise.all([
      auth.graphToken(SANDBOX_SETTINGS, false),
      auth.powerBiToken(SANDBOX_SETTINGS, false),
      auth.armToken(SANDBOX_SETTINGS, false),
    ]);
    expect(tokens.map((t) => t.accessToken)).toEqual(['renewed', 'renewed', 'renewed']);
    expect(flows).toHaveLength(1);
  });

  it('does not renew again when the token is still refused after a renewal: no loop', async () => {
    entra.refusesAfterRenewal = true;
    await expect(auth.graphToken(SANDBOX_SETTINGS, false)).rejects.toMatchObject({ code: ErrorCodes.interactionRequired });
    expect(flows).toHaveLength(1);
  });

  it('is not renewed for another failure than an ended sign-in (the sign-in service out of reach)', async () => {
    entra.unreachable = true;
    await expect(auth.graphToken(SANDBOX_SETTINGS, false)).rejects.toMatchObject({ code: ErrorCodes.network });
    expect(flows).toEqual([]);
  });
});
