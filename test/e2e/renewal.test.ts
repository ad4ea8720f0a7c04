import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInAsGuest, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';

/**
 * Issue 23, a sign-in that lasts: a single-page app's refresh token ends 24 hours after the sign-in (AADSTS700084),
 * while Entra's login session lives on. The extension renews such a sign-in without showing a window, and asks the
 * person only when the session has ended too. The sandbox ages every sign-in by a day on request.
 */
const env = sandboxAndBrowser();
const GUEST = 'pat@partner.example';

/** The authorize requests the login takes from now on, as the sandbox records them (prompt=none: unseen). */
async function authorizationsFromNow() {
  const before = (await env.sandbox.control.authorizations()).length;
  return async () => (await env.sandbox.control.authorizations()).slice(before);
}

/** The login pages the browser shows from now on (an interactive auth flow opens one). */
function loginPagesFromNow() {
  const shown: Page[] = [];
  const record = (page: Page) => {
    page.on('load', () => {
      if (page.url().startsWith('https://login.microsoftonline.com/')) shown.push(page);
    });
  };
  env.browser.context.on('page', record);
  return () => {
    env.browser.context.off('page', record);
    return shown;
  };
}

async function myAccessShown(popup: Page): Promise<void> {
  await expect.poll(() => popup.getByTestId('my-identity').textContent(), { timeout: 20_000 }).toContain('invitation Accepted');
  expect(await popup.getByTestId('my-tenants').textContent()).toContain('Contoso');
}

/** A day passes: every sign-in's refresh token has ended, and every access token the services saw is refused. */
async function aDayLater(): Promise<void> {
  await env.sandbox.control.ageRefreshTokens();
  await env.sandbox.control.expireTokens();
}

describe('a sign-in older than 24 hours', () => {
  it('is renewed without a window while the login session lives: My access opens as before', async () => {
    const popup = await env.browser.openPopup();
    await signInAsGuest(env.browser, popup, GUEST);
    await myAccessShown(popup);
    await popup.close();

    await aDayLater();
    const authorizations = await authorizationsFromNow();
    const loginPages = loginPagesFromNow();
    const again = await env.browser.openPopup();
    await myAccessShown(again);
    expect(await again.getByText('Sign in again', { exact: false }).count()).toBe(0);
    // Renewed silently, at the tenant that invited the guest, with the guest's own account as the hint.
    const asked = await authorizations();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).toEqual(asked.map(() => ({ tenant: CONTOSO, prompt: 'none', loginHint: GUEST })));
    expect(loginPages()).toEqual([]);
    await again.close();
  });

  it('with the login session ended too, has the popup ask the person to sign in again, and that sign-in works', async () => {
    await env.sandbox.control.endLoginSessions();
    await aDayLater();
    const authorizations = await authorizationsFromNow();
    const popup = await env.browser.openPopup();
    await expect
      .poll(() => popup.getByRole('status').first().textContent(), { timeout: 20_000 })
      .toBe(`Your sign-in for ${GUEST} has expired. Sign in again to continue.`);
    // The silent renewal was tried, and refused (login_required); no window was opened on the person's behalf.
    expect((await authorizations()).map((a) => a.prompt)).toContain('none');
    expect((await authorizations()).every((a) => a.prompt === 'none')).toBe(true);

    await signInThroughPopup(env.browser, popup, GUEST, PASSWORD);
    await myAccessShown(popup);
    expect((await authorizations()).some((a) => a.prompt !== 'none')).toBe(true);
    await popup.close();
  });
});
